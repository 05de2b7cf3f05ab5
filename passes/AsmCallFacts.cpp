//===- AsmCallFacts.cpp - The call record of an inline-asm call -----------===//

#include "AsmCallFacts.h"

namespace stackbudget {

std::optional<CallFact> asmCallFact(const AsmCall &AC,
                                    const AsmCallOperand &Operand,
                                    SourceLoc Loc) {
  if (Operand.IsLabel)
    return std::nullopt;
  CallFact C;
  C.Kind = CallKind::Asm;
  C.IsTail = AC.IsTail;
  C.Loc = std::move(Loc);
  if (!AC.Unread.empty())
    C.editDetails().Reason = AC.Unread;
  else if (!AC.Symbol.empty())
    C.Callee = AC.Symbol;
  else if (!AC.SymbolPrefix.empty() && Operand.Immediate)
    // `call __get_user_%c[size]` with size 4 calls __get_user_4.
    C.Callee = AC.SymbolPrefix + std::to_string(*Operand.Immediate);
  else if (AC.SymbolPrefix.empty() && !Operand.Global.empty())
    C.Callee = Operand.Global;
  else
    C.editDetails().Reason = "inline asm calls '" + AC.OperandText +
                             "', a target the recorder cannot read";
  return C;
}

} // namespace stackbudget
