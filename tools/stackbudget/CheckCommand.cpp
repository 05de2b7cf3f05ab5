//===- CheckCommand.cpp - `stackbudget check`: the post-link check --------===//
//
// stackbudget check [--profile F] [--stack-size N] [--top N] [--json FILE]
//                   [--error] [--error-on-unknown] [--closed-world]
//                   [--trust-objects-without-facts]
//                   [--cycle-search-steps N] [--fit STACK=BYTES]...
//                   [--time-phases] INPUT...
//
// Reads the facts of objects, archives and `ld -r` outputs (vmlinux.o),
// checks the worst stack path of every entry against its stack's budget,
// prints GCC-style diagnostics on stderr and optionally a JSON report.
// Exit status: 1 on bad input; 2 with --error when a path is over budget
// or, with --error-on-unknown, when a path is unknown; 0 otherwise.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/Check.h"
#include "stackbudget/CheckPhases.h"
#include "stackbudget/CheckSession.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/MachineCodeFrames.h"
#include "stackbudget/Report.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace llvm;

namespace stackbudget {

static cl::SubCommand CheckCmd("check",
                               "Check the worst stack path of every entry");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(CheckCmd), cl::cat(toolOptions()));
static SessionOptions Session(CheckCmd);
static cl::opt<unsigned> Top("top",
                             cl::desc("Distinct worst paths per entry"),
                             cl::init(1), cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::opt<std::string> JSONPath("json",
                                     cl::desc("Write the JSON report here "
                                              "('-' for stdout)"),
                                     cl::value_desc("file"), cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::opt<bool> AsError("error",
                             cl::desc("Exit non-zero when a path is over "
                                      "budget"),
                             cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::opt<bool>
    UnknownAsError("error-on-unknown",
                   cl::desc("Exit non-zero when a path is unknown too"),
                   cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::opt<bool> WarnUnknown("warn-unknown",
                                 cl::desc("Warn about entries whose path is "
                                          "unknown (default on)"),
                                 cl::init(true), cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::list<std::string>
    Fits("fit",
         cl::desc("A candidate size of a stack (stack=bytes): list the entries "
                  "that do not fit in it (docs/check.md); repeatable"),
         cl::value_desc("stack=bytes"), cl::sub(CheckCmd),
         cl::cat(toolOptions()));
static cl::opt<bool>
    TimePhases("time-phases",
               cl::desc("Print the time and peak memory of each phase of the "
                        "check on stderr (docs/performance.md)"),
               cl::sub(CheckCmd), cl::cat(toolOptions()));
static cl::opt<unsigned>
    MaxUnknownNotes("max-unknown-notes",
                    cl::desc("Unknowns listed per entry in diagnostics"),
                    cl::init(10), cl::sub(CheckCmd), cl::cat(toolOptions()));

SessionOptions::SessionOptions(cl::SubCommand &Sub)
    : ProfilePath("profile", cl::desc("Profile YAML (docs/profile-format.md)"),
                  cl::value_desc("file"), cl::sub(Sub), cl::cat(toolOptions())),
      AnnotationPaths(
          "annotations",
          cl::desc("Annotation file (docs/annotations-format.md); repeatable"),
          cl::value_desc("file"), cl::sub(Sub), cl::cat(toolOptions())),
      StackSize("stack-size",
                cl::desc("Without a profile: the size of the one stack "
                         "'task'"),
                cl::init(16384), cl::sub(Sub), cl::cat(toolOptions())),
      ClosedWorld("closed-world",
                  cl::desc("The inputs are the whole program: an indirect "
                           "call with no target in them adds nothing "
                           "(docs/indirect-calls.md)"),
                  cl::sub(Sub), cl::cat(toolOptions())),
      TrustObjectsWithoutFacts(
          "trust-objects-without-facts",
          cl::desc("Assume objects without facts (assembly) store no "
                   "function into a struct member"),
          cl::sub(Sub), cl::cat(toolOptions())),
      CycleSearchSteps(
          "cycle-search-steps",
          cl::desc("Steps the exact search of one cycle may take before the "
                   "cycle gets its closed-form bound (docs/check.md)"),
          cl::init(CycleLimits().MaxSteps), cl::sub(Sub),
          cl::cat(toolOptions())),
      Threads("threads",
              cl::desc("Threads that read the inputs' facts and write the "
                       "report, as ld.lld's --threads (default: one per "
                       "core; the results do not depend on it)"),
              cl::init(0), cl::sub(Sub), cl::cat(toolOptions())) {}

SessionConfig SessionOptions::config(unsigned TopPaths) const {
  // The threads are the process's (llvm::parallel's strategy), not the
  // session's: the readers and the report writer use them too.
  if (Threads)
    parallel::strategy = hardware_concurrency(Threads);
  SessionConfig Config;
  Config.ProfilePath = ProfilePath;
  Config.StackSize = StackSize;
  Config.AnnotationFiles.assign(AnnotationPaths.begin(),
                                AnnotationPaths.end());
  Config.TopPaths = TopPaths;
  Config.ClosedWorld = ClosedWorld;
  Config.TrustObjectsWithoutFacts = TrustObjectsWithoutFacts;
  Config.CycleSearchSteps = CycleSearchSteps;
  return Config;
}

bool isCheckCommand() { return static_cast<bool>(CheckCmd); }

Expected<CheckRun> readAndCheck(ArrayRef<std::string> Inputs,
                                const SessionConfig &Config, ReadResult &R) {
  // Functions without facts are read from their machine code
  // (MachineCodeFrames.h, docs/check.md).
  ReadOptions ROpts;
  ROpts.MachineCode = readMachineCodeFacts;
  {
    PhaseScope Read(Config.Phases, CheckPhase::ReadFacts);
    if (Error E = readFactsFiles(Inputs, R, ROpts))
      return std::move(E);
  }
  Expected<CheckSession> Session = CheckSession::open(R, Config);
  if (!Session)
    return Session.takeError();
  Expected<CheckResult> Result = Session->run();
  if (!Result)
    return Result.takeError();
  return CheckRun{std::move(*Session), std::move(*Result)};
}

Expected<CallGraph> CheckRun::graph(const ReadResult &R) const {
  return CallGraph::build(R, Session.profile(),
                          Session.graphOptions(Result.CallOverhead));
}

int runCheckCommand() {
  PhaseClock Clock;
  SessionConfig Config = Session.config(Top);
  if (TimePhases)
    Config.Phases = &Clock;
  ReadResult R;
  Expected<CheckRun> Run = readAndCheck(Inputs, Config, R);
  if (!Run)
    return reportError(Run.takeError());
  const CheckResult &Result = Run->Result;
  std::optional<PhaseScope> Reporting(std::in_place, Config.Phases,
                                      CheckPhase::Report);

  DiagnosticOptions DOpts;
  DOpts.MaxUnknownNotes = MaxUnknownNotes;
  DOpts.WarnUnknown = WarnUnknown || UnknownAsError;
  DOpts.BudgetIsError = AsError;
  DOpts.UnknownIsError = UnknownAsError;
  std::vector<FitRequest> FitRequests;
  for (const std::string &F : Fits) {
    Expected<FitRequest> Req = parseFitRequest(F, Result);
    if (!Req)
      return reportError(Req.takeError());
    FitRequests.push_back(std::move(*Req));
  }
  printDiagnostics(errs(), Result, DOpts);
  for (const FitRequest &F : FitRequests)
    printFit(errs(), Result, F, DOpts);

  if (!JSONPath.empty()) {
    std::error_code EC;
    ToolOutputFile Out(JSONPath, EC, sys::fs::OF_None);
    if (EC)
      return reportError(createStringError(EC, JSONPath + ": " + EC.message()));
    writeJSONReport(Out.os(), Result);
    Out.keep();
  }
  Reporting.reset();
  if (TimePhases)
    Clock.print(errs());

  const CheckSummary &S = Result.Summary;
  if ((AsError || UnknownAsError) && (S.OverBudget || S.FrameFindings))
    return 2;
  if (UnknownAsError && S.UnknownEntries)
    return 2;
  return 0;
}

} // namespace stackbudget
