//===- CTypeId.h - The id of a C function type, as KCFI computes it -------===//
//
// Indirect calls are matched to address-taken functions by the C type of the
// function pointer, not by the IR type: with opaque pointers every pointer is
// `ptr`, so `void (struct work_struct *)` and `void (struct rcu_head *)` look
// alike in IR. The id is the one clang's KCFI writes into __cfi_ preambles
// (clang CodeGenModule::CreateKCFITypeId), computed whether or not the
// program is built with -fsanitize=kcfi: the low 32 bits of xxHash64 (or of
// FNV-1a under -fsanitize-kcfi-hash=FNV-1a) of the Itanium mangling of the
// canonical function type, e.g. "_ZTSFvP11work_structE", followed by
// ".<salt>" for __attribute__((cfi_salt)) and ".normalized" under
// -fsanitize-cfi-icall-experimental-normalize-integers. The front end
// (plugin/CTypeAction.cpp) mangles; this hashes, so unit tests can check the
// hash against the ids clang emits.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CTYPEID_H
#define STACKBUDGET_CTYPEID_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace stackbudget {

enum class CTypeHash { XXHash64, FNV1a };

/// The id of the mangled type name \p Mangled (suffixes included).
uint32_t cTypeIdOfMangled(llvm::StringRef Mangled,
                          CTypeHash Hash = CTypeHash::XXHash64);

} // namespace stackbudget

#endif // STACKBUDGET_CTYPEID_H
