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
#include "llvm/TargetParser/Triple.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

/// The assembly syntax the scanner reads: the mnemonics of calls, jumps and
/// stack-pointer moves, and the comment character, are the target's.
enum class AsmDialect {
  /// x86 and x86-64, AT&T syntax (what clang and the kernel write).
  X86,
  /// AArch64 (`bl`, `blr`, `b`, `br`, `sub sp, sp, #N`, `//` comments).
  AArch64,
  /// Any other target: the scanner cannot read its asm, and every inline
  /// asm statement is one call of unknown target (never a missed call).
  Unreadable,
};

/// The dialect of \p T's inline asm.
AsmDialect asmDialectFor(const llvm::Triple &T);

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
  /// Set when the scanner cannot read the asm at all (AsmDialect::
  /// Unreadable): why the call's target is unknown.
  std::string Unread;
};

/// Finds call statements in LLVM inline asm text. Statements are separated
/// by newlines and `;`; labels and comments (`#` on x86, `//` on AArch64)
/// are skipped. Only calls count as calls (x86 `call`, `callq`, `calll`;
/// AArch64 `bl` and `blr` with its pointer-authentication forms); a jump
/// (x86 `jmp`, AArch64 `b`) is reported (as IsTail) only when its operand
/// is a literal symbol or an operand reference, and a register jump (`jmp
/// *%rax`, `br x16`) as a tail call of unknown target, since jumps to
/// local labels are ordinary control flow. Label operands (`${N:l}`, the
/// targets of `asm goto`) are local control flow too and are not reported.
std::vector<AsmCall> scanAsmCalls(llvm::StringRef AsmText,
                                  AsmDialect Dialect);

/// The most bytes inline asm text pushes onto the stack at once. x86-64:
/// `push`/`pushf` (8, `pushw` 2), `sub $N,%rsp` add; `pop`/`popf`, `add
/// $N,%rsp` and `iretq` (5 words) take away. AArch64: `sub sp, sp, #N` and
/// a pre-indexed store with writeback (`stp x29, x30, [sp, #-16]!`) add;
/// `add sp, sp, #N` and a post-indexed load (`ldp x29, x30, [sp], #16`)
/// take away. Read in text order: the kernel's sync_core() IRET-to-self
/// holds 40 bytes. No frame counts these bytes, and the function's own
/// stack is that much deeper while the asm runs. A stack pointer set from
/// a register (a switch to another stack) is not a push. Unreadable
/// dialects give 0: their asm is already an unknown call.
uint64_t scanAsmStackBytes(llvm::StringRef AsmText,
                           AsmDialect Dialect);

} // namespace stackbudget

#endif // STACKBUDGET_ASMCALLSCANNER_H
