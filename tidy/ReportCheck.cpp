//===- ReportCheck.cpp - Base of the checks that read the last build's report =//

#include "ReportCheck.h"

#include "ReportSource.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::stackbudget_tidy {

ReportCheck::ReportCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Ctx(Context),
      ReportPath(Options.getLocalOrGlobal("ReportPath", "")) {}

void ReportCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReportPath", ReportPath);
}

void ReportCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  Finder->addMatcher(functionDecl(isDefinition()).bind("fn"), this);
}

void ReportCheck::check(const MatchFinder::MatchResult &Result) {
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
  checkDefinition(*FD, *Report.Result, SM, BuildDir);
}

} // namespace clang::tidy::stackbudget_tidy
