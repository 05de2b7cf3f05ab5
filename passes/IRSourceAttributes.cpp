//===- IRSourceAttributes.cpp - Source attributes as IR function attributes ===//

#include "IRSourceAttributes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DebugInfoMetadata.h"
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
    if (A.DefLine && !F.isDeclaration())
      F.addFnAttr(DefLocAttrName,
                  (Twine(A.DefLine) + ":" + Twine(A.DefColumn)).str());
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
  if (Attribute A = F.getFnAttribute(DefLocAttrName); A.isStringAttribute()) {
    auto [Line, Col] = A.getValueAsString().split(':');
    unsigned L, C;
    if (Line.getAsInteger(10, L) || Col.getAsInteger(10, C))
      return createStringError(inconvertibleErrorCode(),
                               "stackbudget: function '" + F.getName() +
                                   "' has a malformed \"" + DefLocAttrName +
                                   "\" attribute '" + A.getValueAsString() +
                                   "'");
    Facts.Loc.Line = L;
    Facts.Loc.Column = C;
  }
  if (const DISubprogram *SP = F.getSubprogram())
    if (const DICompileUnit *CU = SP->getUnit())
      if (!CU->getFilename().empty())
        Facts.TU = CU->getFilename().str();
  return Error::success();
}

} // namespace stackbudget
