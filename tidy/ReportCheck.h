//===- ReportCheck.h - Base of the checks that read the last build's report ===//
//
// stackbudget-frame and stackbudget-path both warn on the definitions of
// the checked file from the JSON report the build wrote (ReportSource.h).
// They share what comes before their own findings: the ReportPath option,
// the matchers, a problem with the report said once at the top of the file,
// and which definitions are checked.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TIDY_REPORTCHECK_H
#define STACKBUDGET_TIDY_REPORTCHECK_H

#include "stackbudget/Check.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::stackbudget_tidy {

class ReportCheck : public ClangTidyCheck {
public:
  ReportCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;

protected:
  /// Warns on \p FD, a checked definition of the main file, from \p R.
  virtual void checkDefinition(const FunctionDecl &FD,
                               const ::stackbudget::CheckResult &R,
                               const SourceManager &SM,
                               StringRef BuildDir) = 0;

private:
  ClangTidyContext *Ctx;
  const StringRef ReportPath;
};

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_REPORTCHECK_H
