//===- report-fuzzer.cpp - libFuzzer harness for the JSON report reader ---===//
//
// Any bytes are a report: parseJSONReport() returns a result or an Error;
// a result it accepts is written again (every index in range). Seeds: the
// reports `stackbudget check --json` writes for tests/lit.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Report.h"
#include "stackbudget/ReportReader.h"

#include "llvm/Support/raw_ostream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<stackbudget::CheckResult> R =
      stackbudget::parseJSONReport(Text, "fuzz.json");
  if (!R) {
    llvm::consumeError(R.takeError());
    return 0;
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  stackbudget::writeJSONReport(OS, *R);
  stackbudget::printDiagnostics(OS, *R, stackbudget::DiagnosticOptions());
  return 0;
}
