//===- profile-fuzzer.cpp - libFuzzer harness for the profile reader ------===//
//
// Any bytes are a profile: parseProfile() returns a profile or an Error,
// never crashes (issue 14, defect 7). Seeds: annotations/*.yaml and the
// profiles of tests/lit.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Profile.h"

#include "llvm/Support/MemoryBuffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::MemoryBufferRef Buffer(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "fuzz.yaml");
  llvm::Expected<stackbudget::Profile> P = stackbudget::parseProfile(Buffer);
  if (!P)
    llvm::consumeError(P.takeError());
  return 0;
}
