//===- TypeIds.cpp - Identify function types across translation units -----===//

#include "TypeIds.h"
#include "CTypeFacts.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Metadata.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace stackbudget {

uint32_t signatureId(const FunctionType *Ty) {
  std::string Printed;
  raw_string_ostream OS(Printed);
  Ty->print(OS);
  return static_cast<uint32_t>(xxh3_64bits(Printed));
}

SmallVector<uint32_t, 2> callSignatureIds(const CallBase &CB,
                                          const CallTypeTable *Table) {
  FunctionType *Ty = CB.getFunctionType();
  SmallVector<uint32_t, 2> Ids{signatureId(Ty)};
  bool Unprototyped = CB.getMetadata(UnprototypedCallMD) ||
                      (Table && Table->unprototyped(Ids.front()));
  if (Ty->isVarArg() && Unprototyped) {
    SmallVector<Type *, 4> Args;
    for (const Value *A : CB.args())
      Args.push_back(A->getType());
    Ids.push_back(
        signatureId(FunctionType::get(Ty->getReturnType(), Args, false)));
  }
  return Ids;
}

static std::optional<uint32_t> idIn(const MDNode *MD) {
  if (!MD || MD->getNumOperands() != 1)
    return std::nullopt;
  if (auto *C = mdconst::dyn_extract<ConstantInt>(MD->getOperand(0)))
    return static_cast<uint32_t>(C->getZExtValue());
  return std::nullopt;
}

std::optional<uint32_t> cTypeId(const Function &F) {
  if (std::optional<uint32_t> Id = idIn(F.getMetadata(CTypeMD)))
    return Id;
  return idIn(F.getMetadata(LLVMContext::MD_kcfi_type));
}

std::optional<uint32_t> cTypeId(const CallBase &CB) {
  if (std::optional<uint32_t> Id = idIn(CB.getMetadata(CTypeMD)))
    return Id;
  if (std::optional<OperandBundleUse> B =
          CB.getOperandBundle(LLVMContext::OB_kcfi))
    if (auto *Id = dyn_cast<ConstantInt>(B->Inputs.front()))
      return static_cast<uint32_t>(Id->getZExtValue());
  return std::nullopt;
}

std::vector<uint32_t> cTypeIds(const CallBase &CB, const CallTypeTable &Table) {
  if (std::optional<uint32_t> Id = cTypeId(CB))
    return {*Id};
  ArrayRef<uint32_t> Ids = Table.typesOf(signatureId(CB.getFunctionType()));
  return std::vector<uint32_t>(Ids.begin(), Ids.end());
}

} // namespace stackbudget
