//===- AsmCallFacts.h - The call record of an inline-asm call -------------===//
//
// Both recorders find an inline asm statement's calls with the same scanner
// (stackbudget/AsmCallScanner.h) and turn each into a call record by the
// same rules; they differ only in how they see the statement's operands
// (machine operands in the LLVM 22 recorder, IR values in the LLVM 19 one).
// Each says what the operand a call names is; this file decides the rest.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_ASMCALLFACTS_H
#define STACKBUDGET_ASMCALLFACTS_H

#include "stackbudget/AsmCallScanner.h"
#include "stackbudget/Facts.h"

#include <cstdint>
#include <optional>
#include <string>

namespace stackbudget {

/// What the asm operand a call names holds, as the recorder reads it.
struct AsmCallOperand {
  /// The operand is an `asm goto` label: a jump that stays in the function.
  bool IsLabel = false;
  /// An integer constant (`__get_user_%c[size]` with size 4).
  std::optional<int64_t> Immediate;
  /// The symbol of a global the operand is (`call %c0` with `"i"(fn)`);
  /// empty if it is none.
  std::string Global;
};

/// The call record of \p AC, located at \p Loc, or none for a jump to a
/// local label. A target the recorder cannot read is an asm call with a
/// reason, never a missed call.
std::optional<CallFact> asmCallFact(const AsmCall &AC,
                                    const AsmCallOperand &Operand,
                                    SourceLoc Loc);

} // namespace stackbudget

#endif // STACKBUDGET_ASMCALLFACTS_H
