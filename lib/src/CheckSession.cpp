//===- CheckSession.cpp - The whole-program check as every door runs it ---===//

#include "stackbudget/CheckSession.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace llvm;

namespace stackbudget {

/// The annotation files \p P names (relative to its directory), then
/// \p Extra: the profile's are the defaults a user's own files extend.
static Expected<Annotations> loadAllAnnotations(const Profile &P,
                                                ArrayRef<std::string> Extra) {
  Annotations All;
  auto Load = [&](StringRef Path) -> Error {
    Expected<Annotations> A = loadAnnotations(Path);
    if (!A)
      return A.takeError();
    All.append(std::move(*A));
    return Error::success();
  };
  for (const AnnotationFileRef &File : P.AnnotationFiles) {
    SmallString<256> Path(File.Path);
    if (sys::path::is_relative(Path) && !P.Path.empty()) {
      Path = sys::path::parent_path(P.Path);
      sys::path::append(Path, File.Path);
    }
    // A file that cannot be read is an error at the profile's line; one
    // that does not parse, at its own line.
    Expected<Annotations> A = loadAnnotations(Path, File.Loc);
    if (!A)
      return A.takeError();
    All.append(std::move(*A));
  }
  for (const std::string &File : Extra)
    if (Error E = Load(File))
      return std::move(E);
  return std::move(All);
}

Expected<CheckSession> CheckSession::open(const ReadResult &In,
                                          const SessionConfig &Config) {
  CheckSession S;
  S.In = &In;
  std::optional<PhaseScope> Load(std::in_place, Config.Phases,
                                 CheckPhase::LoadProfile);
  S.P = defaultProfile(Config.StackSize);
  if (!Config.ProfilePath.empty()) {
    Expected<Profile> Loaded = loadProfile(Config.ProfilePath);
    if (!Loaded)
      return Loaded.takeError();
    S.P = std::move(*Loaded);
  }
  Expected<Annotations> Loaded =
      loadAllAnnotations(S.P, Config.AnnotationFiles);
  if (!Loaded)
    return Loaded.takeError();
  S.A = std::make_unique<Annotations>(std::move(*Loaded));
  const Annotations &A = *S.A;
  Profile &P = S.P;
  CheckOptions &Opts = S.Opts;
  Opts.TopPaths = Config.TopPaths;
  Opts.Cycles.MaxSteps = Config.CycleSearchSteps;

  if (Error E = validateAnnotations(A, In, [&](StringRef Stack) {
        return P.findStack(Stack) != nullptr;
      }))
    return std::move(E);
  Load.reset();
  PhaseScope Resolve(Config.Phases, CheckPhase::ResolveIndirect);
  ResolverOptions ROpts;
  ROpts.ClosedWorld = Config.ClosedWorld || P.ClosedWorld;
  ROpts.TrustObjectsWithoutFacts = Config.TrustObjectsWithoutFacts;
  Expected<IndirectResolver> R = IndirectResolver::build(In, &A, ROpts);
  if (!R)
    return R.takeError();
  S.Resolver = std::make_shared<IndirectResolver>(std::move(*R));

  for (const FrameAnnotation &F : A.Frames)
    P.Frames.push_back({F.Function, F.Frame, F.Why, F.Loc});
  for (const RecursionAnnotation &B : A.Recursion)
    P.Recursion.push_back({B.Function, B.MaxDepth, B.Why, B.Loc});
  for (const EntryAnnotation &E : A.Entries)
    P.Entries.push_back(
        {"annotation", E.Stack, {E.Function}, E.TU, /*Nests=*/false, E.Loc});

  Opts.ResolveIndirect = resolverCallback(*S.Resolver);
  Opts.Phases = Config.Phases;
  // The graph build asks the resolver about every call: its answers are
  // the resolution's time, not the graph's.
  if (PhaseClock *Clock = Config.Phases)
    Opts.ResolveIndirect = [Clock, Resolve = std::move(Opts.ResolveIndirect)](
                               const FunctionFacts &Caller, const CallFact &C,
                               unsigned Ordinal) {
      PhaseScope Scope(Clock, CheckPhase::ResolveIndirect);
      return Resolve(Caller, C, Ordinal);
    };
  std::shared_ptr<const IndirectResolver> Res = S.Resolver;
  if (!A.Exclusions.empty())
    Opts.IsExcluded = [Res](const Node &Caller, const Node &Callee) {
      return Res->isExcluded(Caller.Name, Callee.Name);
    };
  return std::move(S);
}

Expected<CheckResult> CheckSession::run() const {
  Expected<CheckResult> Result = runCheck(*In, P, Opts);
  if (!Result)
    return Result.takeError();
  if (Error E = Resolver->checkExclusions())
    return std::move(E);
  Result->ClosedWorld = Resolver->closedWorld();
  return Result;
}

CallGraphOptions CheckSession::graphOptions(uint64_t CallOverhead) const {
  CallGraphOptions G;
  G.CallOverhead = CallOverhead;
  G.ResolveIndirect = Opts.ResolveIndirect;
  G.IsExcluded = Opts.IsExcluded;
  return G;
}

} // namespace stackbudget
