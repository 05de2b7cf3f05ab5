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

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace stackbudget {

constexpr unsigned ReportVersion = 2;

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

/// A candidate size for one stack (`--fit task=8192`).
struct FitRequest {
  std::string Stack;
  uint64_t Size = 0;
};

/// Parses `stack=bytes`; an error names the value and, for a stack the
/// profile does not have, the stacks it has.
llvm::Expected<FitRequest> parseFitRequest(llvm::StringRef Text,
                                           const CheckResult &R);

/// For a candidate size, the entries on that stack that do not fit (worst
/// first, each with its worst path hop by hop) and those that cannot be
/// shown to fit because their bound is unknown (with their unknowns).
void printFit(llvm::raw_ostream &OS, const CheckResult &R,
              const FitRequest &F, const DiagnosticOptions &Opts);

/// The JSON report, pretty-printed, byte-identical for equal results.
void writeJSONReport(llvm::raw_ostream &OS, const CheckResult &R);

/// The parts beyond the frame as JSON attributes ("red_zone", "realign",
/// "call_args", "asm_stack"), the spelling of the report and of `facts
/// --top`'s listing (docs/report-format.md).
void writeBeyondFrame(llvm::json::OStream &J, const FrameParts &P);

} // namespace stackbudget

#endif // STACKBUDGET_REPORT_H
