//===- DotCommand.cpp - `stackbudget dot`: draw an entry's worst paths ---===//
//
// stackbudget dot --entry NAME [--stack S] [-o FILE] REPORT.json
//
// Graphviz DOT of the paths the report holds for one entry (docs/editors.md);
// `stackbudget check --top N --json` puts N distinct paths per entry there.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/Dot.h"
#include "stackbudget/ReportReader.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand DotCmd("dot", "Draw the worst paths of an entry (DOT)");
static cl::opt<std::string> Report(cl::Positional, cl::Required,
                                   cl::desc("<report.json>"), cl::sub(DotCmd), cl::cat(toolOptions()));
static cl::opt<std::string> Entry("entry", cl::Required,
                                  cl::desc("Entry function to draw"),
                                  cl::value_desc("name"), cl::sub(DotCmd), cl::cat(toolOptions()));
static cl::opt<std::string> Stack("stack",
                                  cl::desc("Only the entry on this stack"),
                                  cl::value_desc("name"), cl::sub(DotCmd), cl::cat(toolOptions()));
static cl::opt<std::string> Output("o", cl::desc("Output file ('-' stdout)"),
                                   cl::value_desc("file"), cl::init("-"),
                                   cl::sub(DotCmd), cl::cat(toolOptions()));

bool isDotCommand() { return static_cast<bool>(DotCmd); }

int runDotCommand() {
  Expected<CheckResult> R = readJSONReport(Report);
  if (!R)
    return reportError(R.takeError());
  std::error_code EC;
  ToolOutputFile Out(Output, EC, sys::fs::OF_None);
  if (EC)
    return reportError(createStringError(EC, Output + ": " + EC.message()));
  DotOptions Opts;
  Opts.Entry = Entry;
  Opts.Stack = Stack;
  if (Error E = writeDot(Out.os(), *R, Opts))
    return reportError(createStringError(
        inconvertibleErrorCode(), Report + ": " + toString(std::move(E))));
  Out.keep();
  return 0;
}

} // namespace stackbudget
