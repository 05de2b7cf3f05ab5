//===- RuntimeCommand.cpp - `stackbudget runtime`: the kernel's own figures -===//
//
// stackbudget runtime [--stack-trace F] [--stack-max-size F] [--dmesg F]...
//                     [--stack NAME] [--profile F] [--annotations F]...
//                     [--closed-world] [--trust-objects-without-facts] INPUT...
//
// Compares what a booted kernel measured on its task stack (the ftrace stack
// tracer, CONFIG_DEBUG_STACK_USAGE) with the facts and bounds of the same
// vmlinux, with the session check would use (docs/runtime.md). Exit status:
// 0 when every observation is within what the facts allow, 2 when one is
// above (an under-estimate of the tool: a bug to report), 1 on bad input.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/CallGraph.h"
#include "stackbudget/KernelStackLog.h"
#include "stackbudget/RuntimeCrossCheck.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand
    RuntimeCmd("runtime",
               "Compare a kernel's own stack measurements with the proof");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(RuntimeCmd),
                                    cl::cat(toolOptions()));
static SessionOptions Session(RuntimeCmd);
static cl::opt<std::string>
    StackTracePath("stack-trace",
                   cl::desc("The stack tracer's table: "
                            "/sys/kernel/tracing/stack_trace, or a console "
                            "log with print_max_stack()'s dump"),
                   cl::value_desc("file"), cl::sub(RuntimeCmd),
                   cl::cat(toolOptions()));
static cl::opt<std::string>
    StackMaxSizePath("stack-max-size",
                     cl::desc("/sys/kernel/tracing/stack_max_size"),
                     cl::value_desc("file"), cl::sub(RuntimeCmd),
                     cl::cat(toolOptions()));
static cl::list<std::string>
    DmesgPaths("dmesg",
               cl::desc("A kernel log with CONFIG_DEBUG_STACK_USAGE's 'used "
                        "greatest stack depth' lines; repeatable"),
               cl::value_desc("file"), cl::sub(RuntimeCmd),
               cl::cat(toolOptions()));
static cl::opt<std::string>
    StackName("stack",
              cl::desc("The profile stack the measurements are of (the "
                       "stack tracer measures the task stack)"),
              cl::init("task"), cl::sub(RuntimeCmd), cl::cat(toolOptions()));

bool isRuntimeCommand() { return static_cast<bool>(RuntimeCmd); }

static Expected<std::unique_ptr<MemoryBuffer>> readText(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> B =
      MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/true);
  if (!B)
    return createStringError(B.getError(),
                             "cannot read '" + Path +
                                 "': " + B.getError().message());
  return std::move(*B);
}

static Expected<RuntimeObservations> readObservations() {
  RuntimeObservations Obs;
  if (StackTracePath.empty() && StackMaxSizePath.empty() && DmesgPaths.empty())
    return createStringError(inconvertibleErrorCode(),
                             "nothing to compare: give --stack-trace, "
                             "--stack-max-size or --dmesg");
  if (!StackTracePath.empty()) {
    Expected<std::unique_ptr<MemoryBuffer>> B = readText(StackTracePath);
    if (!B)
      return B.takeError();
    Expected<std::vector<TracerRow>> Rows =
        parseStackTrace((*B)->getBuffer(), StackTracePath);
    if (!Rows)
      return Rows.takeError();
    Obs.Trace = std::move(*Rows);
  }
  if (!StackMaxSizePath.empty()) {
    Expected<std::unique_ptr<MemoryBuffer>> B = readText(StackMaxSizePath);
    if (!B)
      return B.takeError();
    Expected<uint64_t> Max =
        parseStackMaxSize((*B)->getBuffer(), StackMaxSizePath);
    if (!Max)
      return Max.takeError();
    Obs.TracerMax = *Max;
  }
  for (const std::string &Path : DmesgPaths) {
    Expected<std::unique_ptr<MemoryBuffer>> B = readText(Path);
    if (!B)
      return B.takeError();
    append_range(Obs.DepthRecords, parseStackDepthRecords((*B)->getBuffer()));
  }
  return Obs;
}

int runRuntimeCommand() {
  Expected<RuntimeObservations> Obs = readObservations();
  if (!Obs)
    return reportError(Obs.takeError());
  ReadResult R;
  Expected<CheckRun> Run =
      readAndCheck(Inputs, Session.config(/*TopPaths=*/1), R);
  if (!Run)
    return reportError(Run.takeError());
  const CheckResult &Result = Run->Result;
  // The frames and calls of each row.
  Expected<CallGraph> G = Run->graph(R);
  if (!G)
    return reportError(G.takeError());
  Expected<RuntimeCrossCheck> C =
      crossCheckRuntime(*Obs, *G, Result, StackName);
  if (!C)
    return reportError(C.takeError());
  printRuntimeCrossCheck(*C, outs());
  return C->failures() ? 2 : 0;
}

} // namespace stackbudget
