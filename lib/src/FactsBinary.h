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

/// Reads the ULEB128 at \p Pos of \p Bytes and moves \p Pos past it; the
/// error is worded as DataExtractor words it ("unable to decode LEB128 at
/// offset ..."). Every ULEB128 of a block is read by it. A 64-bit value
/// takes 10 bytes at most: LLVM's decodeULEB128 reads on through zero
/// padding, shifting by 64 and more (undefined behaviour, found by
/// tests/fuzz/facts-fuzzer), and no writer pads, so a longer one is too big.
llvm::Expected<uint64_t> readULEB128(llvm::StringRef Bytes, uint64_t &Pos);

/// Appends the block's records to Into; \p Version is its record header's
/// (5 or 6). Fail makes the error of a problem at an offset of the payload.
llvm::Error decodeBlockPayload(
    llvm::StringRef Payload, uint16_t Version, ObjectFacts &Into,
    llvm::function_ref<llvm::Error(uint64_t, const llvm::Twine &)> Fail);

} // namespace stackbudget

#endif // STACKBUDGET_LIB_FACTSBINARY_H
