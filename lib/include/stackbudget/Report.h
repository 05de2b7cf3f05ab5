//===- Report.h - Print a check result ------------------------------------===//
//
// Two printers of one CheckResult: GCC/Clang-style diagnostics for people
// and editors (one warning per finding, one note per hop), and a versioned
// JSON report for tools (schema: docs/report-format.md).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_REPORT_H
#define STACKBUDGET_REPORT_H

#include "stackbudget/Check.h"

#include "llvm/Support/raw_ostream.h"

namespace stackbudget {

constexpr unsigned ReportVersion = 1;

struct DiagnosticOptions {
  /// Notes listing the unknowns of one entry; the rest are counted.
  unsigned MaxUnknownNotes = 10;
  /// Print [stackbudget-unknown] warnings for entries whose worst path
  /// has an unknown part.
  bool WarnUnknown = true;
  /// Spell findings as errors (the --error modes).
  bool BudgetIsError = false;
  bool UnknownIsError = false;
};

/// [stackbudget-path], [stackbudget-unknown] and [stackbudget-frame]
/// diagnostics, then a summary line.
void printDiagnostics(llvm::raw_ostream &OS, const CheckResult &R,
                      const DiagnosticOptions &Opts);

/// The one-line summary ("stackbudget: 12 entries on 2 stacks, ...").
void printSummary(llvm::raw_ostream &OS, const CheckResult &R);

/// The lines printSummary() ends with: per entry class, its entries, how
/// many have a finite bound, and the worst of those; per stack, the
/// smallest size proven sufficient (docs/check.md, "Verdict").
void printVerdict(llvm::raw_ostream &OS, const CheckResult &R);

/// The JSON report, pretty-printed, byte-identical for equal results.
void writeJSONReport(llvm::raw_ostream &OS, const CheckResult &R);

} // namespace stackbudget

#endif // STACKBUDGET_REPORT_H
