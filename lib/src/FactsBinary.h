//===- FactsBinary.h - Facts format 5: the payload of a block -------------===//
//
// The payload of a version-5 block record (docs/facts-format.md): a string
// table, then records that refer to it. FactsFormat.cpp frames it.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LIB_FACTSBINARY_H
#define STACKBUDGET_LIB_FACTSBINARY_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>

namespace stackbudget {

std::string encodeBlockPayload(llvm::ArrayRef<ModuleFacts> Modules,
                               llvm::ArrayRef<FunctionFacts> Functions);

/// Appends the block's records to Into. Fail makes the error of a problem
/// at an offset of the payload.
llvm::Error decodeBlockPayload(
    llvm::StringRef Payload, ObjectFacts &Into,
    llvm::function_ref<llvm::Error(uint64_t, const llvm::Twine &)> Fail);

} // namespace stackbudget

#endif // STACKBUDGET_LIB_FACTSBINARY_H
