//===- FrameCheck.cpp - stackbudget-frame ---------------------------------===//

#include "FrameCheck.h"

#include "ReportSource.h"

#include "stackbudget/FindingText.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::stackbudget_tidy {

FrameCheck::FrameCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Ctx(Context),
      ReportPath(Options.getLocalOrGlobal("ReportPath", "")),
      FrameLimit(Options.get("FrameLimit", uint64_t(0))) {}

void FrameCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReportPath", ReportPath);
  Options.store(Opts, "FrameLimit", FrameLimit);
}

void FrameCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  Finder->addMatcher(functionDecl(isDefinition()).bind("fn"), this);
}

void FrameCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  StringRef BuildDir = Ctx->getCurrentBuildDirectory();
  LoadedReport Report = loadReport(ReportPath, BuildDir, getCurrentMainFile());

  if (Result.Nodes.getNodeAs<TranslationUnitDecl>("tu")) {
    std::string Problem =
        reportProblemText(Report, BuildDir, getCurrentMainFile());
    if (!Problem.empty())
      diag(SM.getLocForStartOfFile(SM.getMainFileID()), Problem);
    return;
  }
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD || !Report.Result || !isCheckedDefinition(*FD, SM))
    return;
  const ::stackbudget::CheckResult &R = *Report.Result;

  for (const ::stackbudget::FunctionReport &F : R.Functions) {
    if (!F.HasFacts || !sameLocation(F.Loc, *FD, SM, BuildDir))
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
    diag(FD->getLocation(), Text);
    diag(FD->getLocation(),
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
