//===- TypeIds.cpp - Identify function types across translation units -----===//

#include "TypeIds.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
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

std::optional<uint32_t> kcfiTypeId(const Function &F) {
  const MDNode *MD = F.getMetadata(LLVMContext::MD_kcfi_type);
  if (!MD || MD->getNumOperands() != 1)
    return std::nullopt;
  if (auto *C = mdconst::dyn_extract<ConstantInt>(MD->getOperand(0)))
    return static_cast<uint32_t>(C->getZExtValue());
  return std::nullopt;
}

} // namespace stackbudget
