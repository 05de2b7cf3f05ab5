//===- FactsRecordGlobal.cpp - One facts record as a global of the module -===//

#include "FactsRecordGlobal.h"

#include "stackbudget/FactsFormat.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {

GlobalVariable *emitFactsGlobal(Module &M, StringRef Bytes) {
  LLVMContext &Ctx = M.getContext();
  Constant *Init = ConstantDataArray::getString(Ctx, Bytes, /*AddNull=*/false);
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init,
                                "__stackbudget_facts");
  GV->setSection(FactsSectionName);
  GV->setAlignment(Align(1));
  // SHF_EXCLUDE: ld -r keeps the section, a final link drops it.
  GV->setMetadata(LLVMContext::MD_exclude, MDNode::get(Ctx, {}));
  // A global with uses (compiler.used, LLVM 19) is address-significant
  // unless it says otherwise, and would then add an entry to .llvm_addrsig
  // that outlives the section.
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
  return GV;
}

} // namespace stackbudget
