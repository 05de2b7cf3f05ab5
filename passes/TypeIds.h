//===- TypeIds.h - Identify function types across translation units -------===//
//
// An indirect call can reach any address-taken function of a matching type.
// Without -fsanitize=kcfi the IR keeps no C type, so the signature id is a
// hash of the IR function type as LLVM prints it ("i32 (ptr, i64)"): equal C
// signatures give equal ids in every TU of one target, and distinct C types
// that lower alike share an id, which over-approximates but never misses a
// target. docs/facts-format.md fixes the hash so other tools can compute it.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TYPEIDS_H
#define STACKBUDGET_TYPEIDS_H

#include <cstdint>
#include <optional>

namespace llvm {
class Function;
class FunctionType;
} // namespace llvm

namespace stackbudget {

uint32_t signatureId(const llvm::FunctionType *Ty);

/// The !kcfi_type of a function, present under -fsanitize=kcfi.
std::optional<uint32_t> kcfiTypeId(const llvm::Function &F);

} // namespace stackbudget

#endif // STACKBUDGET_TYPEIDS_H
