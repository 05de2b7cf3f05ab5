//===- StaticCallFacts.cpp - Targets of the kernel's static calls ---------===//

#include "StaticCallFacts.h"
#include "SymbolName.h"
#include "TypeIds.h"
#include "SourcePaths.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Mangler.h"
#include "llvm/IR/Module.h"

#include <map>

using namespace llvm;

namespace stackbudget {
namespace {

constexpr StringLiteral KeyPrefix = "__SCK__";


/// Every function an initializer names, nested aggregates included: the
/// key's first member is .func; the others (.type, .mods) hold no function.
void functionsIn(const Constant *C, std::vector<std::string> &Out) {
  if (const auto *F = dyn_cast<Function>(C->stripPointerCasts())) {
    Out.push_back(symbolName(*F));
    return;
  }
  if (isa<ConstantAggregate>(C))
    for (const Use &Op : C->operands())
      functionsIn(cast<Constant>(Op.get()), Out);
}

} // namespace

std::vector<StaticCallFact> collectStaticCalls(const Module &M) {
  SourceFiles Files(M);
  std::map<std::string, StaticCallFact> ByKey;
  for (const GlobalVariable &GV : M.globals()) {
    if (!GV.getName().starts_with(KeyPrefix) || !GV.hasInitializer())
      continue;
    StaticCallFact &S = ByKey[symbolName(GV)];
    S.Key = symbolName(GV);
    functionsIn(GV.getInitializer(), S.Targets);
  }

  const Function *Update = M.getFunction("__static_call_update");
  if (Update)
    for (const User *U : Update->users()) {
      const auto *CB = dyn_cast<CallBase>(U);
      if (!CB || CB->getCalledOperand() != Update || CB->arg_size() < 3)
        continue;
      SourceLoc Loc;
      if (const DILocation *L = CB->getDebugLoc().get())
        Loc = {Files.path(*L), L->getLine(), L->getColumn()};
      const auto *Key =
          dyn_cast<GlobalVariable>(CB->getArgOperand(0)->stripPointerCasts());
      std::string KeyName =
          Key && Key->getName().starts_with(KeyPrefix) ? symbolName(*Key) : "";
      StaticCallFact &S = ByKey[KeyName];
      S.Key = KeyName;
      if (!S.Loc.isValid())
        S.Loc = Loc;
      const Value *Target = CB->getArgOperand(2)->stripPointerCasts();
      if (const auto *F = dyn_cast<Function>(Target))
        S.Targets.push_back(symbolName(*F));
      else if (KeyName.empty())
        S.Unknown = "__static_call_update of a key that is not a constant "
                    "__SCK__ global";
      else if (!isa<ConstantPointerNull>(Target))
        S.Unknown = "static_call_update with a target that is not a function "
                    "constant";
      if (KeyName.empty() && S.Unknown.empty())
        S.Unknown = "__static_call_update of a key that is not a constant "
                    "__SCK__ global";
    }

  std::vector<StaticCallFact> Out;
  for (auto &[Key, S] : ByKey) {
    // DECLARE_STATIC_CALL declares the trampoline as `typeof(func)`.
    if (StringRef(Key).starts_with(KeyPrefix))
      if (const Function *Tramp = M.getFunction(
              ("__SCT__" + StringRef(Key).drop_front(KeyPrefix.size())).str()))
      {
        S.TrampolineType = cTypeId(*Tramp);
        S.TrampolineSignature = signatureId(Tramp->getFunctionType());
      }
    llvm::sort(S.Targets);
    S.Targets.erase(std::unique(S.Targets.begin(), S.Targets.end()),
                    S.Targets.end());
    Out.push_back(std::move(S));
  }
  return Out;
}

} // namespace stackbudget
