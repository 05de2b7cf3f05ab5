//===- kernel-log-fuzzer.cpp - libFuzzer harness for the kernel's figures -===//
//
// Any bytes are a stack tracer file or a kernel log (`stackbudget runtime`'s
// inputs): the readers return rows or an error, never crash or hang. Seeds:
// the stack_trace, stack_max_size and dmesg files of tests/lit/runtime/.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/KernelStackLog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  if (auto Rows = stackbudget::parseStackTrace(Text, "fuzz"); !Rows)
    llvm::consumeError(Rows.takeError());
  if (auto Max = stackbudget::parseStackMaxSize(Text, "fuzz"); !Max)
    llvm::consumeError(Max.takeError());
  (void)stackbudget::parseStackDepthRecords(Text);
  return 0;
}
