//===- ReportSource.h - The report a clang-tidy check reads ---------------===//
//
// Both checks read the JSON report of the last build. This finds it (the
// ReportPath option, else stackbudget-report.json in the compile command's
// directory or the nearest parent that has one), loads it once per
// modification time for the whole clang-tidy run, says when it is missing,
// unreadable or older than the file being checked, and matches the
// report's source locations with the function definitions of that file.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TIDY_REPORTSOURCE_H
#define STACKBUDGET_TIDY_REPORTSOURCE_H

#include "stackbudget/Check.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace clang::tidy::stackbudget_tidy {

/// The default file name looked for from the build directory up.
constexpr const char *DefaultReportName = "stackbudget-report.json";

struct LoadedReport {
  std::shared_ptr<const ::stackbudget::CheckResult> Result;
  /// The path tried (or the default name when none was found).
  std::string Path;
  /// Why there is no result: missing, unreadable, wrong version.
  std::string Problem;
  /// The report is older than the main file.
  bool Stale = false;
};

/// Finds and loads the report for the main file \p MainFile compiled in
/// \p BuildDir. \p Option is the ReportPath option ("" for the default
/// search); a relative one is relative to \p BuildDir.
LoadedReport loadReport(llvm::StringRef Option, llvm::StringRef BuildDir,
                        llvm::StringRef MainFile);

/// The message for a missing, unreadable or stale report ("" if none).
std::string reportProblemText(const LoadedReport &R, llvm::StringRef BuildDir,
                              llvm::StringRef MainFile);

/// Whether report location \p L is the name location of \p FD. The report
/// spells files as the compiler was given them (relative to \p BuildDir
/// or absolute).
bool sameLocation(const ::stackbudget::SourceLoc &L, const FunctionDecl &FD,
                  const SourceManager &SM, llvm::StringRef BuildDir);

/// The function definitions a check looks at: defined in the main file.
bool isCheckedDefinition(const FunctionDecl &FD, const SourceManager &SM);

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_REPORTSOURCE_H
