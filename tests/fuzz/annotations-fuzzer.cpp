//===- annotations-fuzzer.cpp - libFuzzer harness for annotation files --===//
//
// Any bytes are an annotation file: parseAnnotations() returns annotations
// or an Error, never crashes. Seeds: the annotation files of tests/lit.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Annotations.h"

#include "llvm/Support/MemoryBuffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::MemoryBufferRef Buffer(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "fuzz.yaml");
  llvm::Expected<stackbudget::Annotations> P =
      stackbudget::parseAnnotations(Buffer);
  if (!P)
    llvm::consumeError(P.takeError());
  return 0;
}
