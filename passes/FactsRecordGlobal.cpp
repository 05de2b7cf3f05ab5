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

GlobalVariable *emitFactsGlobal(Module &M, StringRef Records, size_t Reserve) {
  LLVMContext &Ctx = M.getContext();
  Constant *Init = ConstantDataArray::getString(
      Ctx, encodeFactsNote(Records, Records.size() + Reserve),
      /*AddNull=*/false);
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init,
                                "__stackbudget_facts");
  GV->setSection(FactsSectionName);
  // Notes are 4-aligned, so the notes of all inputs follow each other.
  GV->setAlignment(Align(4));
  // SHF_EXCLUDE: ld -r keeps the section, a final link drops it.
  GV->setMetadata(LLVMContext::MD_exclude, MDNode::get(Ctx, {}));
  // A global with uses (compiler.used, LLVM 19) is address-significant
  // unless it says otherwise, and would then add an entry to .llvm_addrsig
  // that outlives the section.
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
  return GV;
}

bool rewriteFactsGlobal(GlobalVariable &GV, StringRef Records) {
  uint64_t Capacity = GV.getValueType()->getArrayNumElements();
  if (Records.size() > Capacity - FactsNoteHeaderSize)
    return false;
  GV.setInitializer(ConstantDataArray::getString(
      GV.getContext(),
      encodeFactsNote(Records, Capacity - FactsNoteHeaderSize),
      /*AddNull=*/false));
  return true;
}

} // namespace stackbudget
