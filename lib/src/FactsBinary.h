//===- FactsBinary.h - Facts formats 5, 6: the payload of a block ---------===//
//
// The payload of a block record of version 5 or 6 (docs/facts-format.md): a
// string table, then records that refer to it. FactsFormat.cpp frames it.
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

/// What DataExtractor says of a ULEB128 too big for 64 bits, when the one at
/// \p Pos of \p Bytes runs on past 10 bytes; empty otherwise. LLVM's
/// decodeULEB128 reads on through zero padding, shifting by 64 and more
/// (undefined behaviour, tests/fuzz/facts-fuzzer found it), and no writer
/// pads: every ULEB128 of a block is checked with this before it is read.
std::string overlongULEB128(llvm::StringRef Bytes, uint64_t Pos);

/// Appends the block's records to Into; \p Version is its record header's
/// (5 or 6). Fail makes the error of a problem at an offset of the payload.
llvm::Error decodeBlockPayload(
    llvm::StringRef Payload, uint16_t Version, ObjectFacts &Into,
    llvm::function_ref<llvm::Error(uint64_t, const llvm::Twine &)> Fail);

} // namespace stackbudget

#endif // STACKBUDGET_LIB_FACTSBINARY_H
