//===- TypeIds.h - Identify function types across translation units -------===//
//
// Two ids match an indirect call to the functions it may reach:
//
//  - the C type id (stackbudget/CTypeId.h, KCFI's id), which the front end
//    attaches as `!stackbudget.ctype` (CTypeFacts.h) or clang's KCFI leaves as
//    `!kcfi_type` and "kcfi" operand bundles under -fsanitize=kcfi;
//  - the signature id, a hash of the IR function type as LLVM prints it
//    ("i32 (ptr, i64)"), the fallback where no C type is known: equal C
//    signatures give equal ids in every TU of one target, and distinct C
//    types that lower alike share one, which over-approximates but never
//    misses a target. docs/facts-format.md fixes the hash.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TYPEIDS_H
#define STACKBUDGET_TYPEIDS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace llvm {
class CallBase;
class Function;
class FunctionType;
class Instruction;
class LLVMContext;
} // namespace llvm

namespace stackbudget {

uint32_t signatureId(const llvm::FunctionType *Ty);

/// The metadata kind the front end's C type ids travel under.
constexpr llvm::StringLiteral CTypeMD = "stackbudget.ctype";

/// Marks an indirect call the front end saw through an unprototyped pointer.
constexpr llvm::StringLiteral UnprototypedCallMD = "stackbudget.noproto";

class CallTypeTable;

/// The signature ids an indirect call may have: its IR type's, and for a
/// call through an unprototyped pointer (emitted as variadic) also the
/// non-variadic type of its arguments, which the callee really has. With
/// \p Table, a variadic call that lost its mark in a merge counts as
/// unprototyped when some call of its signature was.
llvm::SmallVector<uint32_t, 2>
callSignatureIds(const llvm::CallBase &CB,
                 const CallTypeTable *Table = nullptr);

/// The C type id of a function: the front end's, else !kcfi_type.
std::optional<uint32_t> cTypeId(const llvm::Function &F);

/// The C type id of an indirect call's callee: the front end's, else the
/// "kcfi" operand bundle.
std::optional<uint32_t> cTypeId(const llvm::CallBase &CB);

/// The C type ids an indirect call's callee may have: its own id; for a
/// call without one (merged by the optimizer, which drops metadata it does
/// not know), every C type the module's calls of its signature had
/// (CallTypeTable); empty when one of those had none.
std::vector<uint32_t> cTypeIds(const llvm::CallBase &CB,
                               const CallTypeTable &Table);

} // namespace stackbudget

#endif // STACKBUDGET_TYPEIDS_H
