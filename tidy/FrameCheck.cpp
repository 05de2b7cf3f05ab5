//===- FrameCheck.cpp - stackbudget-frame ---------------------------------===//

#include "FrameCheck.h"

#include "ReportSource.h"

#include "stackbudget/FindingText.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::stackbudget_tidy {

FrameCheck::FrameCheck(StringRef Name, ClangTidyContext *Context)
    : ReportCheck(Name, Context),
      FrameLimit(Options.get("FrameLimit", uint64_t(0))) {}

void FrameCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ReportCheck::storeOptions(Opts);
  Options.store(Opts, "FrameLimit", FrameLimit);
}

void FrameCheck::checkDefinition(const FunctionDecl &FD,
                                 const ::stackbudget::CheckResult &R,
                                 const SourceManager &SM, StringRef BuildDir) {

  for (const ::stackbudget::FunctionReport &F : R.Functions) {
    if (!F.HasFacts || !sameLocation(F.Loc, FD, SM, BuildDir))
      continue;
    const ::stackbudget::FrameFinding *Finding = nullptr;
    for (const ::stackbudget::FrameFinding &FF : R.FrameFindings)
      if (FF.Function == F.Name && FF.TU == F.TU)
        Finding = &FF;
    ::stackbudget::FrameFinding OverOption;
    if (!Finding && FrameLimit && F.Parts.limitedBytes() > FrameLimit) {
      OverOption.Function = F.Name;
      OverOption.Frame = F.Parts.limitedBytes();
      OverOption.Limit = FrameLimit;
      Finding = &OverOption;
    }
    if (!Finding)
      continue;
    std::string Text = ::stackbudget::frameFindingText(*Finding);
    diag(FD.getLocation(), Text);
    diag(FD.getLocation(),
         "worst stack depth below '%0' is %1%2 bytes, its own included",
         DiagnosticIDs::Note)
        << F.Name << (F.DepthUnknown ? "at least " : "")
        << std::to_string(F.Depth);
    // One function definition can be several in the report (a static
    // function of a header, per TU): one warning is enough.
    return;
  }
}

} // namespace clang::tidy::stackbudget_tidy
