//===- Sarif.h - SARIF 2.1.0 log of a check result ------------------------===//
//
// The findings of a CheckResult as one SARIF 2.1.0 run (docs/sarif.md), for
// code scanning in CI and the SARIF viewers of editors:
//   rules    stackbudget-path, stackbudget-unknown, stackbudget-frame
//   results  one per finding, at the entry's (or function's) definition,
//            with a codeFlow per reported path whose threadFlow locations
//            are the hops, and the unknowns as relatedLocations
//   paths    relative to a source root, named by the uriBaseId SRCROOT
//            whose absolute file: URI is given in originalUriBaseIds
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_SARIF_H
#define STACKBUDGET_SARIF_H

#include "stackbudget/Check.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace stackbudget {

struct SarifOptions {
  /// Absolute directory that relative paths in the report are relative to
  /// (the directory the build ran in); absolute paths under it are made
  /// relative to it too.
  std::string SourceRoot;
  /// Levels of the findings, as in DiagnosticOptions (Report.h).
  bool BudgetIsError = false;
  bool UnknownIsError = false;
  /// Emit stackbudget-unknown results.
  bool WarnUnknown = true;
};

/// The uriBaseId of the source root.
constexpr const char *SarifSourceRootId = "SRCROOT";

/// Writes the SARIF log, pretty-printed, byte-identical for equal inputs.
void writeSarif(llvm::raw_ostream &OS, const CheckResult &R,
                const SarifOptions &Opts);

/// A file path as an RFC 3986 URI reference: '/'-separated, characters
/// outside the unreserved set and '/' percent-encoded ("a b.c" ->
/// "a%20b.c"); absolute paths become "file:///...".
std::string pathToURI(llvm::StringRef Path);

} // namespace stackbudget

#endif // STACKBUDGET_SARIF_H
