//===- facts-fuzzer.cpp - libFuzzer harness for the facts reader ----------===//
//
// Any bytes are an input file of `stackbudget check`: an object, an
// archive, or neither. readFactsBuffer() reads it or returns an Error,
// never crashes; the first byte also selects a bare facts-section payload
// (decodeSection) instead. Seeds: objects compiled for tests/lit and the
// records of their .note.stackbudget notes.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"

#include "llvm/Support/MemoryBuffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  llvm::StringRef Bytes(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  if (Data[0] & 1) {
    stackbudget::ObjectFacts Facts;
    Facts.Origin = "fuzz.o";
    if (llvm::Error E = stackbudget::decodeSection(Bytes, Facts))
      llvm::consumeError(std::move(E));
    return 0;
  }
  stackbudget::ReadResult R;
  if (llvm::Error E = stackbudget::readFactsBuffer(
          llvm::MemoryBufferRef(Bytes, "fuzz.o"), "fuzz.o", R))
    llvm::consumeError(std::move(E));
  return 0;
}
