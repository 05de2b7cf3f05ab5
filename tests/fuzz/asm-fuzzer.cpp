//===- asm-fuzzer.cpp - libFuzzer harness for the inline-asm scanner ------===//
//
// Any bytes are the text of an inline asm statement: scanAsmCalls() and
// scanAsmStackBytes() return what they find, never crash or hang. Seeds:
// the asm strings of tests/lit/recorder/*asm*.c.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/AsmCallScanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  for (stackbudget::AsmDialect D :
       {stackbudget::AsmDialect::X86, stackbudget::AsmDialect::AArch64,
        stackbudget::AsmDialect::Unreadable}) {
    (void)stackbudget::scanAsmCalls(Text, D);
    (void)stackbudget::scanAsmStackBytes(Text, D);
  }
  return 0;
}
