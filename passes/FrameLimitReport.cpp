//===- FrameLimitReport.cpp - The recorder's frame-limit finding ----------===//

#include "FrameLimitReport.h"
#include "RecorderFinding.h"
#include "RecorderOptions.h"

#include "stackbudget/FindingText.h"

#include "llvm/IR/Function.h"

using namespace llvm;

namespace stackbudget {

void reportFrameLimit(const FunctionFacts &Facts, const Function &F) {
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
  Finding.IRName = F.getName().str();
  Finding.IsError = Opts.Error;
  std::string Text = frameFindingText(Finding);
  F.getContext().diagnose(RecorderFinding(
      RecorderFinding::Rule::Frame, Finding.Function, Finding.IRName,
      Finding.Loc, Text, Opts.Error ? DS_Error : DS_Warning));
}

} // namespace stackbudget
