//===- IRFunctionHeader.cpp - The facts both recorders read from the IR ---===//

#include "IRFunctionHeader.h"
#include "IRSourceAttributes.h"
#include "SourcePaths.h"
#include "StructFieldFacts.h"
#include "SymbolName.h"
#include "TypeIds.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {

Linkage linkageOf(const GlobalValue &GV) {
  if (GV.hasLocalLinkage())
    return Linkage::Local;
  if (GV.isWeakForLinker())
    return Linkage::Weak;
  return Linkage::Global;
}

bool isAddressTaken(const Function &F) {
  return F.hasAddressTaken(nullptr, /*IgnoreCallbackUses=*/false,
                           /*IgnoreAssumeLikeCalls=*/true,
                           /*IgnoreLLVMUsed=*/true);
}

FunctionFacts collectFunctionHeader(const Function &F, RecorderKind Recorder,
                                    const SourceFiles &Files) {
  FunctionFacts Facts;
  Facts.Recorder = Recorder;
  Facts.Name = symbolName(F);
  Facts.TU = F.getParent()->getSourceFileName();
  Facts.Link = linkageOf(F);
  Facts.AddressTaken = isAddressTaken(F);
  Facts.AddressOnlyExported = Facts.AddressTaken && !usedAsAddress(&F);
  Facts.SignatureId = signatureId(F.getFunctionType());
  Facts.CTypeId = cTypeId(F);
  // The definition's file and line from debug info (clang's spelling of
  // the file inside clang, SourcePaths.h), its line and column from the
  // front end's attribute where there is one (IRSourceAttributes.h), which
  // also holds stack_entry / stack_budget.
  if (const DISubprogram *SP = F.getSubprogram()) {
    Facts.Loc.File = Files.path(*SP, SP->getUnit());
    Facts.Loc.Line = SP->getLine();
  }
  if (Error E = readSourceAttributes(F, Facts))
    F.getContext().emitError(toString(std::move(E)));
  return Facts;
}

ModuleFacts collectModuleFacts(const Module &M, RecorderKind Recorder) {
  ModuleFacts Facts;
  Facts.Recorder = Recorder;
  Facts.TU = M.getSourceFileName();
#if LLVM_VERSION_MAJOR >= 21
  Facts.Triple = M.getTargetTriple().str();
#else
  Facts.Triple = M.getTargetTriple();
#endif
  for (const Function &F : M) {
    if (!F.isDeclaration() || F.isIntrinsic() || !isAddressTaken(F))
      continue;
    Facts.AddressTakenDecls.push_back(
        {symbolName(F), signatureId(F.getFunctionType()), cTypeId(F)});
  }
  for (const GlobalAlias &A : M.aliases())
    if (const GlobalObject *Target = A.getAliaseeObject())
      Facts.Aliases.push_back(
          {symbolName(A), symbolName(*Target), linkageOf(A)});
  // Struct-field and C type facts of the front end, the kernel's static
  // calls.
  readModuleIndirectFacts(M, Facts);
  return Facts;
}

} // namespace stackbudget
