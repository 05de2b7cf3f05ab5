//===- CheckSession.h - The whole-program check as every door runs it -----===//
//
// `stackbudget check`, `stackbudget rank` and the check inside an LTO link
// (passes/LinkTimeCheck.cpp) must print the same report on the same facts,
// so all three run this one session rather than wire up runCheck (Check.h)
// each on its own. It loads the profile, then the annotation files the
// profile names and the extra ones, validates them against the program
// (closed world), adds their frames, recursion bounds and entries to the
// profile, resolves indirect calls from annotations, static calls and
// struct-field facts (IndirectResolver.h), in a closed world if asked,
// runs the check, and reports exclusions that matched no call. Type
// matching stays the check's own fallback (CallGraph.h).
//
//   SessionConfig Config;
//   Config.ProfilePath = "annotations/linux-x86_64-6.12.yaml";
//   Expected<CheckSession> S = CheckSession::open(R, Config);
//   Expected<CheckResult> C = S->run();
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CHECKSESSION_H
#define STACKBUDGET_CHECKSESSION_H

#include "stackbudget/Annotations.h"
#include "stackbudget/CallGraph.h"
#include "stackbudget/Check.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/IndirectResolver.h"
#include "stackbudget/Profile.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stackbudget {

/// What a door into the check lets its user choose.
struct SessionConfig {
  /// Profile YAML; empty: defaultProfile(StackSize).
  std::string ProfilePath;
  uint64_t StackSize = 16384;
  /// Annotation files loaded after the profile's own, in this order.
  std::vector<std::string> AnnotationFiles;
  /// Distinct worst paths per entry.
  unsigned TopPaths = 1;
  /// The inputs are the whole program: a call with no target in it adds
  /// nothing (ResolverOptions::ClosedWorld). The profile's `closed_world:
  /// true` turns it on too. open() fails unless every TU has struct-field
  /// facts.
  bool ClosedWorld = false;
  /// Objects without any facts (assembly) store no function into a struct
  /// member (ResolverOptions::TrustObjectsWithoutFacts).
  bool TrustObjectsWithoutFacts = false;
  /// Steps the exact search of one cycle may take (CycleLimits::MaxSteps).
  uint64_t CycleSearchSteps = CycleLimits().MaxSteps;
  /// Optional; times each phase of open() and run() (CheckPhases.h). Must
  /// outlive the session.
  PhaseClock *Phases = nullptr;
};

class CheckSession {
public:
  /// Everything before the check itself. Profile errors start with
  /// "file:line:col: error:". \p In must outlive the session.
  static llvm::Expected<CheckSession> open(const ReadResult &In,
                                           const SessionConfig &Config);

  /// Runs the check; then an exclusion that matched no call is an error
  /// (stale), so that annotations cannot rot silently.
  llvm::Expected<CheckResult> run() const;

  /// The profile with the annotations' frames, bounds and entries added.
  const Profile &profile() const { return P; }

  /// The options of the graph run() walks, for a caller that builds it
  /// again (rank); \p CallOverhead from the CheckResult.
  CallGraphOptions graphOptions(uint64_t CallOverhead) const;

private:
  CheckSession() = default;

  const ReadResult *In = nullptr;
  Profile P;
  /// The resolver points into the annotations: keep their address fixed
  /// when the session moves.
  std::unique_ptr<Annotations> A;
  /// Shared with the callbacks in Opts, which graphOptions() hands out.
  std::shared_ptr<IndirectResolver> Resolver;
  CheckOptions Opts;
};

} // namespace stackbudget

#endif // STACKBUDGET_CHECKSESSION_H
