//===- SarifCommand.cpp - `stackbudget sarif`: SARIF 2.1.0 of a report ---===//
//
// stackbudget sarif [--source-root DIR] [-o FILE] [--error]
//                   [--error-on-unknown] [--no-unknown] REPORT.json
//
// Converts the JSON report of `stackbudget check --json` (or of the LTO
// link) to SARIF 2.1.0 (docs/sarif.md). A converter of the report rather
// than a flag of `check`, so the report of an LTO link converts the same.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/ReportReader.h"
#include "stackbudget/Sarif.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand SarifCmd("sarif",
                               "Convert a JSON report to SARIF 2.1.0");
static cl::opt<std::string> Report(cl::Positional, cl::Required,
                                   cl::desc("<report.json>"),
                                   cl::sub(SarifCmd), cl::cat(toolOptions()));
static cl::opt<std::string> Output("o", cl::desc("Output file ('-' stdout)"),
                                   cl::value_desc("file"), cl::init("-"),
                                   cl::sub(SarifCmd), cl::cat(toolOptions()));
static cl::opt<std::string>
    SourceRoot("source-root",
               cl::desc("Directory relative source paths are relative to "
                        "(default: the current directory)"),
               cl::value_desc("dir"), cl::sub(SarifCmd), cl::cat(toolOptions()));
static cl::opt<bool> AsError("error",
                             cl::desc("Level 'error' for budget findings"),
                             cl::sub(SarifCmd), cl::cat(toolOptions()));
static cl::opt<bool>
    UnknownAsError("error-on-unknown",
                   cl::desc("Level 'error' for unknown paths too"),
                   cl::sub(SarifCmd), cl::cat(toolOptions()));
static cl::opt<bool> NoUnknown("no-unknown",
                               cl::desc("Leave out stackbudget-unknown "
                                        "results"),
                               cl::sub(SarifCmd), cl::cat(toolOptions()));

bool isSarifCommand() { return static_cast<bool>(SarifCmd); }

int runSarifCommand() {
  Expected<CheckResult> R = readJSONReport(Report);
  if (!R)
    return reportError(R.takeError());
  SmallString<256> Root(SourceRoot);
  if (std::error_code EC = sys::fs::make_absolute(Root))
    return reportError(createStringError(EC, SourceRoot + ": " + EC.message()));
  sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
  SarifOptions Opts;
  Opts.SourceRoot = std::string(Root);
  Opts.BudgetIsError = AsError;
  Opts.UnknownIsError = UnknownAsError;
  Opts.WarnUnknown = !NoUnknown;

  std::error_code EC;
  ToolOutputFile Out(Output, EC, sys::fs::OF_None);
  if (EC)
    return reportError(createStringError(EC, Output + ": " + EC.message()));
  writeSarif(Out.os(), *R, Opts);
  Out.keep();
  return 0;
}

} // namespace stackbudget
