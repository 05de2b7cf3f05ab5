//===- FrameCheck.h - stackbudget-frame -----------------------------------===//
//
// Warns on each function definition of the checked file whose frame the
// last build's report found over the frame budget (or over the FrameLimit
// option), with its worst depth as a note.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TIDY_FRAMECHECK_H
#define STACKBUDGET_TIDY_FRAMECHECK_H

#include "ReportCheck.h"

namespace clang::tidy::stackbudget_tidy {

class FrameCheck : public ReportCheck {
public:
  FrameCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkDefinition(const FunctionDecl &FD,
                       const ::stackbudget::CheckResult &R,
                       const SourceManager &SM, StringRef BuildDir) override;

  /// Also warn above this many bytes (0: only the report's findings).
  const uint64_t FrameLimit;
};

} // namespace clang::tidy::stackbudget_tidy

#endif // STACKBUDGET_TIDY_FRAMECHECK_H
