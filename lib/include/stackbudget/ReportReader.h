//===- ReportReader.h - Read a JSON report back into a CheckResult -------===//
//
// The converters (SARIF, DOT, the differential report) and the clang-tidy
// module work on the JSON report that `stackbudget check --json` or the LTO
// link wrote, not on objects: the check runs once per build, its readers run
// many times (every editor save, every patch in CI). readJSONReport() is the
// inverse of writeJSONReport() (Report.h): writing what it reads gives the
// same bytes back.
//
// A report of another version is an error, never a best guess; errors name
// the file and the JSON path of the bad value:
//   r.json: expected integer at entries[0].paths[0].hops[1].frame
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_REPORTREADER_H
#define STACKBUDGET_REPORTREADER_H

#include "stackbudget/Check.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace stackbudget {

/// Parses the text of a JSON report; \p Name (a file name) prefixes errors.
llvm::Expected<CheckResult> parseJSONReport(llvm::StringRef Text,
                                            llvm::StringRef Name);

/// Reads the JSON report in file \p Path ("-" for stdin).
llvm::Expected<CheckResult> readJSONReport(llvm::StringRef Path);

} // namespace stackbudget

#endif // STACKBUDGET_REPORTREADER_H
