//===- DiffCommand.cpp - `stackbudget diff`: what a patch did -------------===//
//
// stackbudget diff [--warn-only] BEFORE.json AFTER.json
//
// Lists the worst paths that grew between two reports, by how much and why
// (docs/diff.md). Exit status: 1 on bad input; 2 when a budget is newly
// exceeded (a path or a frame), unless --warn-only; 0 otherwise. Meant for
// CI on every patch.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/ReportDiff.h"
#include "stackbudget/ReportReader.h"

#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand DiffCmd("diff",
                              "Compare two JSON reports (before, after)");
static cl::opt<std::string> Before(cl::Positional, cl::Required,
                                   cl::desc("<before.json>"),
                                   cl::sub(DiffCmd), cl::cat(toolOptions()));
static cl::opt<std::string> After(cl::Positional, cl::Required,
                                  cl::desc("<after.json>"), cl::sub(DiffCmd), cl::cat(toolOptions()));
static cl::opt<bool> WarnOnly("warn-only",
                              cl::desc("Exit 0 even when a budget is newly "
                                       "exceeded"),
                              cl::sub(DiffCmd), cl::cat(toolOptions()));

bool isDiffCommand() { return static_cast<bool>(DiffCmd); }

int runDiffCommand() {
  Expected<CheckResult> Old = readJSONReport(Before);
  if (!Old)
    return reportError(Old.takeError());
  Expected<CheckResult> New = readJSONReport(After);
  if (!New)
    return reportError(New.takeError());
  ReportDiff D = diffReports(*Old, *New);
  DiffPrintOptions Opts;
  Opts.BudgetIsError = !WarnOnly;
  printReportDiff(outs(), D, Opts);
  if (!WarnOnly && (D.NewlyOverBudget || !D.NewFrameFindings.empty()))
    return 2;
  return 0;
}

} // namespace stackbudget
