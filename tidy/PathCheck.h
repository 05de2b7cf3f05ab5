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

#include "ReportCheck.h"

namespace clang::tidy::stackbudget_tidy {

class PathCheck : public ReportCheck {
public:
  PathCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkDefinition(const FunctionDecl &FD,
                       const ::stackbudget::CheckResult &R,
                       const SourceManager &SM, StringRef BuildDir) override;

  const bool WarnUnknown;
};

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_PATHCHECK_H
