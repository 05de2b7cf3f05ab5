//===- FactsRename.cpp - Symbol renames of objcopy, applied to the facts --===//

#include "stackbudget/FactsRename.h"

using namespace llvm;

namespace stackbudget {

namespace {

class SymbolPrefixer {
public:
  explicit SymbolPrefixer(StringRef Prefix) : Prefix(Prefix) {}

  void symbol(std::string &Name) const {
    if (!Name.empty())
      Name.insert(0, Prefix.str());
  }

  void slot(ValueSlot &S) const {
    // A field has no symbol, and a CallArg slot's Symbol is a type id.
    if (S.K == ValueSlot::Kind::Global || S.isVariable())
      symbol(S.Symbol);
  }

  void function(FunctionFacts &F) const {
    symbol(F.Name);
    for (CallFact &C : F.Calls) {
      symbol(C.Callee);
      if (C.details().empty())
        continue;
      CallDetails &D = C.editDetails();
      symbol(D.Via);
      if (D.CalleeSlot)
        slot(*D.CalleeSlot);
    }
  }

  void fields(FieldFacts &FF) const {
    for (SlotStore &S : FF.Stores) {
      slot(S.Slot);
      symbol(S.Function);
    }
    for (SlotEscape &E : FF.Escapes)
      slot(E.Slot);
    for (SlotFlow &Fl : FF.Flows) {
      slot(Fl.From);
      slot(Fl.To);
    }
    for (ParamUse &P : FF.Params)
      slot(P.Param);
    for (ValueSlot &G : FF.Globals)
      slot(G);
    for (std::string &Fn : FF.FreeFunctions)
      symbol(Fn);
  }

  void module(ModuleFacts &M) const {
    for (AddressTakenDecl &D : M.AddressTakenDecls)
      symbol(D.Name);
    for (AliasFact &A : M.Aliases) {
      symbol(A.Name);
      symbol(A.Aliasee);
    }
    if (M.Fields)
      fields(*M.Fields);
    for (StaticCallFact &S : M.StaticCalls) {
      symbol(S.Key);
      for (std::string &T : S.Targets)
        symbol(T);
    }
    if (M.Conversions)
      for (TypeConversion &C : *M.Conversions)
        symbol(C.Function);
  }

private:
  StringRef Prefix;
};

} // namespace

void prefixSymbols(ObjectFacts &Facts, StringRef Prefix) {
  SymbolPrefixer P(Prefix);
  for (ModuleFacts &M : Facts.Modules)
    P.module(M);
  for (FunctionFacts &F : Facts.Functions)
    P.function(F);
}

} // namespace stackbudget
