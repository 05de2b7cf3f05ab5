//===- FrameLimitReport.cpp - The recorder's frame-limit finding ----------===//

#include "FrameLimitReport.h"
#include "RecorderHooks.h"
#include "RecorderOptions.h"

#include "stackbudget/FindingText.h"

using namespace llvm;

namespace stackbudget {

void reportFrameLimit(
    const FunctionFacts &Facts, StringRef IRName,
    function_ref<void(const std::string &Msg, DiagnosticSeverity Severity)>
        Fallback) {
  const RecorderOptions &Opts = recorderOptions();
  if (!Opts.FrameLimit)
    return;
  uint64_t Frame = Facts.Parts.limitedBytes();
  if (Frame <= *Opts.FrameLimit)
    return;
  FrameFinding Finding;
  Finding.Function = Facts.Name;
  Finding.Loc = Facts.Loc;
  Finding.Frame = Frame;
  Finding.Limit = *Opts.FrameLimit;
  Finding.IRName = IRName.str();
  Finding.IsError = Opts.Error;
  if (const FrameFindingReporter &Report = frameFindingReporter()) {
    Report(Finding);
    return;
  }
  Fallback(frameFindingText(Finding) + " [stackbudget-frame]",
           Opts.Error ? DS_Error : DS_Warning);
}

} // namespace stackbudget
