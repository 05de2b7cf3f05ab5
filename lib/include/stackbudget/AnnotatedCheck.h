//===- AnnotatedCheck.h - Wire annotations into the whole-program check ---===//
//
// The check (Check.h) takes indirect-call resolution and exclusions as
// callbacks; this fills them from annotation files and the struct-field and
// static-call facts (IndirectResolver.h), and adds the annotated frames,
// recursion bounds and entries to the profile.
//
//   Annotations A = ...;                 // loadAnnotations()
//   AnnotatedCheck AC;
//   if (Error E = AC.prepare(R, A, P, Opts)) ...
//   Expected<CheckResult> C = runCheck(R, P, Opts);
//   if (Error E = AC.finish()) ...       // stale exclusions
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_ANNOTATEDCHECK_H
#define STACKBUDGET_ANNOTATEDCHECK_H

#include "stackbudget/Annotations.h"
#include "stackbudget/Check.h"
#include "stackbudget/IndirectResolver.h"
#include "stackbudget/Profile.h"

#include <memory>

namespace stackbudget {

/// Loads the annotation files the profile names (relative to its directory)
/// and then \p Extra, in that order.
llvm::Expected<Annotations> loadAllAnnotations(const Profile &P,
                                               llvm::ArrayRef<std::string> Extra);

class AnnotatedCheck {
public:
  /// Validates \p A against the program (closed world), adds its frames,
  /// recursion bounds and entries to \p P, and installs the resolver in
  /// \p Opts. \p A and \p In must outlive the check.
  llvm::Error prepare(const ReadResult &In, const Annotations &A, Profile &P,
                      CheckOptions &Opts);

  /// After runCheck: exclusions that matched no call are stale.
  llvm::Error finish() const;

  const IndirectResolver *resolver() const { return Resolver.get(); }

private:
  std::shared_ptr<IndirectResolver> Resolver;
};

} // namespace stackbudget

#endif // STACKBUDGET_ANNOTATEDCHECK_H
