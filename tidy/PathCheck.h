//===- PathCheck.h - stackbudget-path -------------------------------------===//
//
// Warns on each function definition of the checked file that lies on a
// reported stack path over its budget: the function's frame, the running
// total there, the entry and the budget it endangers, with a note for each
// hop of that path in the same file. With WarnUnknown, entries whose path
// has an unknown part are reported at their definition too.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TIDY_PATHCHECK_H
#define STACKBUDGET_TIDY_PATHCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::stackbudget_tidy {

class PathCheck : public ClangTidyCheck {
public:
  PathCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  ClangTidyContext *Ctx;
  const StringRef ReportPath;
  const bool WarnUnknown;
};

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_PATHCHECK_H
