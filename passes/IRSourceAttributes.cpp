//===- IRSourceAttributes.cpp - Source attributes as IR function attributes ===//

#include "IRSourceAttributes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {

PreservedAnalyses AttachSourceAttributesPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  if (!Table || Table->empty())
    return PreservedAnalyses::all();
  for (Function &F : M) {
    auto It = Table->find(F.getName());
    if (It == Table->end())
      continue;
    const SourceFunctionAttributes &A = It->second;
    if (!A.EntryClass.empty())
      F.addFnAttr(EntryAttrName, A.EntryClass);
    if (A.Budget)
      F.addFnAttr(BudgetAttrName, utostr(*A.Budget));
  }
  // Attributes the backend does not know invalidate no analysis.
  return PreservedAnalyses::all();
}

Error readSourceAttributes(const Function &F, FunctionFacts &Facts) {
  if (Attribute A = F.getFnAttribute(EntryAttrName); A.isStringAttribute()) {
    if (A.getValueAsString().empty())
      return createStringError(inconvertibleErrorCode(),
                               "stackbudget: function '" + F.getName() +
                                   "' has an empty \"" + EntryAttrName +
                                   "\" attribute");
    Facts.EntryClass = A.getValueAsString().str();
  }
  if (Attribute A = F.getFnAttribute(BudgetAttrName); A.isStringAttribute()) {
    uint64_t Bytes;
    if (A.getValueAsString().getAsInteger(10, Bytes) || Bytes == 0)
      return createStringError(
          inconvertibleErrorCode(),
          "stackbudget: function '" + F.getName() + "' has a \"" +
              BudgetAttrName + "\" attribute of '" + A.getValueAsString() +
              "', not a positive number of bytes");
    Facts.Budget = Bytes;
  }
  return Error::success();
}

} // namespace stackbudget
