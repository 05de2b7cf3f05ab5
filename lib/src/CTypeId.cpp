//===- CTypeId.cpp - The id of a C function type, as KCFI computes it -----===//

#include "stackbudget/CTypeId.h"

#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace stackbudget {

uint32_t cTypeIdOfMangled(StringRef Mangled, CTypeHash Hash) {
  if (Hash == CTypeHash::XXHash64)
    return static_cast<uint32_t>(xxHash64(Mangled));
  // FNV-1a, 32 bits, as llvm::getKCFITypeID (LLVM >= 22) computes it; kept
  // here so that the LLVM 19 build and the tools agree.
  uint32_t H = 2166136261u;
  for (unsigned char C : Mangled.bytes()) {
    H ^= C;
    H *= 16777619u;
  }
  return H;
}

} // namespace stackbudget
