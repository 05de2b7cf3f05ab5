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

#include <cstdint>
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

/// The most bytes x86-64 inline asm text pushes onto the stack at once:
/// `push`/`pushf` (8, `pushw` 2), `sub $N,%rsp` add; `pop`/`popf`, `add
/// $N,%rsp` and `iretq` (5 words) take away. Read in text order: the kernel's
/// sync_core() IRET-to-self holds 40 bytes. No frame counts these bytes, and
/// the function's own stack is that much deeper while the asm runs.
uint64_t scanAsmStackBytes(llvm::StringRef AsmText);

} // namespace stackbudget

#endif // STACKBUDGET_ASMCALLSCANNER_H
