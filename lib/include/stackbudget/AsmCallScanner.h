//===- AsmCallScanner.h - Find call instructions in inline assembly text --===//
//
// Inline assembly is opaque to the backend: a `call` in it adds a return
// address and a callee frame that no MachineInstr shows. The recorder scans
// the asm string (as LLVM holds it: `$0`, `${1:c}` for operands) for call
// statements and reports each one's target as far as the text tells.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_ASMCALLSCANNER_H
#define STACKBUDGET_ASMCALLSCANNER_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

struct AsmCall {
  /// A literal symbol (`call foo`, `call foo@PLT`).
  std::string Symbol;
  /// An operand reference (`call ${0:c}`, `call $1`); the caller maps it to
  /// the operand's value.
  std::optional<unsigned> OperandNo;
  /// A symbol written in front of the operand reference, as in the
  /// kernel's `call __get_user_%c[size]` (LLVM text `__get_user_${4:c}`):
  /// the callee is this prefix followed by the operand's value.
  std::string SymbolPrefix;
  /// The whole operand text, for diagnostics when it is neither of the above
  /// (`call *%rax`, `call *8(%rdi)`).
  std::string OperandText;
  /// `jmp` to a symbol: control leaves and does not come back here.
  bool IsTail = false;
};

/// Finds call statements in LLVM inline asm text. Statements are separated
/// by newlines and `;`; labels and `#` comments are skipped. Only `call`,
/// `callq` and `calll` count as calls; `jmp` is reported (as IsTail) only when
/// its operand is a literal symbol or an operand reference, since jumps to
/// local labels are ordinary control flow. Label operands (`${N:l}`, the
/// targets of `asm goto`) are local control flow too and are not reported.
std::vector<AsmCall> scanAsmCalls(llvm::StringRef AsmText);

} // namespace stackbudget

#endif // STACKBUDGET_ASMCALLSCANNER_H
