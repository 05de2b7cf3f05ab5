//===- FrameCheck.h - stackbudget-frame -----------------------------------===//
//
// Warns on each function definition of the checked file whose frame the
// last build's report found over the frame budget (or over the FrameLimit
// option), with its worst depth as a note.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TIDY_FRAMECHECK_H
#define STACKBUDGET_TIDY_FRAMECHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::stackbudget_tidy {

class FrameCheck : public ClangTidyCheck {
public:
  FrameCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  ClangTidyContext *Ctx;
  const StringRef ReportPath;
  /// Also warn above this many bytes (0: only the report's findings).
  const uint64_t FrameLimit;
};

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_FRAMECHECK_H
