//===- ReportDiff.h - What a patch did to the stack paths -----------------===//
//
// Compares the reports of two builds (before and after a patch) entry by
// entry and stack by stack: which worst paths grew, by how much, and why —
// a frame on the new worst path that grew (or a function that is new), or a
// call on it that the old worst path did not make. A budget that the patch
// newly exceeds is the finding CI stops on.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_REPORTDIFF_H
#define STACKBUDGET_REPORTDIFF_H

#include "stackbudget/Check.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace stackbudget {

/// One reason a worst path grew.
struct GrowthCause {
  enum Kind {
    /// A function on the new worst path has a bigger frame than before.
    FrameGrew,
    /// A function on the new worst path did not exist before.
    NewFunction,
    /// A call on the new worst path that the old one did not make.
    NewCall,
  } What = FrameGrew;
  std::string Function;
  std::string TU;
  /// NewCall: the caller.
  std::string Caller;
  /// FrameGrew: the frames before and after; NewFunction: After.
  uint64_t Before = 0;
  uint64_t After = 0;
  /// The function's definition (FrameGrew, NewFunction) or the call site.
  SourceLoc Loc;
};

struct EntryChange {
  std::string Function;
  std::string TU;
  std::string Stack;
  SourceLoc Loc;
  /// The entry is not in the old report.
  bool NewEntry = false;
  uint64_t Before = 0;
  uint64_t After = 0;
  bool BeforeUnknown = false;
  bool AfterUnknown = false;
  uint64_t Budget = 0;
  bool WasOverBudget = false;
  bool IsOverBudget = false;
  std::vector<GrowthCause> Causes;

  bool newlyOverBudget() const { return IsOverBudget && !WasOverBudget; }
  bool newlyUnknown() const { return AfterUnknown && !BeforeUnknown; }
};

struct ReportDiff {
  /// Entries whose worst path grew, became unknown, or that are new and
  /// use any stack; sorted like the report (stack, function, TU).
  std::vector<EntryChange> Grew;
  unsigned Shrank = 0;
  unsigned Unchanged = 0;
  unsigned Removed = 0;
  unsigned NewlyOverBudget = 0;
  unsigned NewlyUnknown = 0;
  /// Frame findings (over the frame limit) the old report did not have.
  std::vector<FrameFinding> NewFrameFindings;
};

ReportDiff diffReports(const CheckResult &Before, const CheckResult &After);

struct DiffPrintOptions {
  /// Spell newly exceeded budgets as errors.
  bool BudgetIsError = true;
};

/// GCC-style lines: a warning (or error) per grown path at the entry, a
/// note per cause, then a summary line.
void printReportDiff(llvm::raw_ostream &OS, const ReportDiff &D,
                     const DiffPrintOptions &Opts);

} // namespace stackbudget

#endif // STACKBUDGET_REPORTDIFF_H
