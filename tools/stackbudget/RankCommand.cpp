//===- RankCommand.cpp - `stackbudget rank`: what to annotate next --------===//
//
// stackbudget rank [--profile F] [--annotations F]... [--top N]
//                  [--closed-world] [--trust-objects-without-facts] INPUT...
//
// Ranks the indirect calls a user should annotate first:
//  - unresolved calls (no candidate, or inline asm with an unreadable
//    target), by the number of entries whose path they make unknown;
//  - resolved calls on some entry's worst path, by how much they may add:
//    for each, the worst path through it and the entries' worst paths with
//    the call removed from the graph (an upper bound of what narrowing its
//    candidate set can save);
//  - candidate sets that calls inside the largest unbounded recursion go
//    through, by how many of its members they reach: a worst path that
//    enters a cycle shows no indirect hop inside it, yet the cycle is there
//    when a few wide candidate sets join unrelated code (the kernel's
//    signature-matched callbacks join 7,000 functions into one cycle);
//  - functions whose `recursion` bounds would cut that cycle (CycleCut.h),
//    for the recursion the kernel really has.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/CallGraph.h"
#include "stackbudget/Check.h"
#include "stackbudget/CheckSession.h"
#include "stackbudget/CycleCut.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/LocatedError.h"
#include "stackbudget/Profile.h"
#include "stackbudget/WorstPath.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace stackbudget {

static cl::SubCommand RankCmd("rank",
                              "Rank the indirect calls to annotate first");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(RankCmd), cl::cat(toolOptions()));
// The options of 'check' that choose the session, so that rank ranks what
// check reports.
static SessionOptions Session(RankCmd);
static cl::opt<unsigned> Top("top", cl::desc("Calls listed per ranking"),
                             cl::init(10), cl::sub(RankCmd), cl::cat(toolOptions()));

bool isRankCommand() { return static_cast<bool>(RankCmd); }

static std::string placeOf(const SourceLoc &L) {
  return L.isValid() ? where(L) : "<unknown location>";
}

namespace {

/// One indirect call of the graph: the caller and its edge to a set node.
struct Site {
  NodeId Caller = InvalidNode;
  size_t EdgeIndex = 0;
  unsigned Entries = 0;
  uint64_t WorstBytes = 0;
  std::vector<NodeId> EntryNodes;
  uint64_t WithoutBytes = 0;
};

} // namespace

/// \p G with only the edges \p Keep accepts (caller, index, edge).
static CallGraph
keepEdges(const CallGraph &G,
          function_ref<bool(NodeId, size_t, const Edge &)> Keep) {
  std::vector<Node> Nodes(G.nodes().begin(), G.nodes().end());
  std::vector<std::vector<Edge>> Edges(G.size());
  for (NodeId N = 0; N < G.size(); ++N)
    for (size_t I = 0; I < G.edges(N).size(); ++I)
      if (Keep(N, I, G.edges(N)[I]))
        Edges[N].push_back(G.edges(N)[I]);
  std::vector<UnknownSource> Unknowns(G.unknowns().begin(),
                                      G.unknowns().end());
  return CallGraph::fromParts(
      std::move(Nodes), std::move(Edges), std::move(Unknowns),
      G.callOverhead(), {},
      std::vector<std::string>(G.callFiles().begin(), G.callFiles().end()));
}

/// The worst depth of each of \p Entries once the edge is gone.
static Expected<uint64_t> worstWithout(const CallGraph &G,
                                       ArrayRef<RecursionBound> Bounds,
                                       const Site &S, uint64_t Overhead) {
  CallGraph Cut = keepEdges(G, [&](NodeId N, size_t I, const Edge &) {
    return N != S.Caller || I != S.EdgeIndex;
  });
  Expected<DepthAnalysis> A = DepthAnalysis::run(Cut, Bounds);
  if (!A)
    return A.takeError();
  uint64_t Worst = 0;
  for (NodeId E : S.EntryNodes)
    Worst = std::max(Worst, A->depth(E).Bytes + Overhead);
  return Worst;
}

namespace {
/// A candidate set that indirect calls inside a cycle go through, and the
/// cycle members among its candidates.
struct Joiner {
  NodeId Set = InvalidNode;
  size_t InCycle = 0;
  /// (caller, edge index) of every call inside the cycle that uses it.
  std::vector<std::pair<NodeId, size_t>> Calls;
};
} // namespace

/// The unbounded cycle with the most members, or null.
static const CycleInfo *largestUnboundedCycle(const DepthAnalysis &A) {
  const CycleInfo *Largest = nullptr;
  for (const CycleInfo &C : A.cycles())
    if (!C.isBounded() && (!Largest || C.Members.size() > Largest->Members.size()))
      Largest = &C;
  return Largest;
}

/// Prints the heading of a ranking of the largest unbounded cycle, and
/// returns that cycle, or null after saying there is none.
static const CycleInfo *headCycleRanking(const DepthAnalysis &DA,
                                         StringRef Heading, raw_ostream &OS) {
  OS << Heading << ":\n";
  const CycleInfo *Largest = largestUnboundedCycle(DA);
  if (!Largest)
    OS << "  (no unbounded cycle)\n";
  return Largest;
}

static Error rankCycleJoiners(const CallGraph &G, const DepthAnalysis &DA,
                              ArrayRef<RecursionBound> Bounds,
                              raw_ostream &OS) {
  const CycleInfo *Largest = headCycleRanking(
      DA,
      "candidate sets inside the largest unbounded cycle, by the members "
      "they reach",
      OS);
  if (!Largest)
    return Error::success();
  uint32_t Cycle = *DA.cycleOf(Largest->Members.front());
  auto InCycle = [&](NodeId N) { return DA.cycleOf(N) == Cycle; };
  std::map<NodeId, Joiner> BySet;
  size_t Calls = 0;
  for (NodeId Caller : Largest->Members) {
    if (G.node(Caller).Kind != NodeKind::Function)
      continue;
    ArrayRef<Edge> Out = G.edges(Caller);
    for (size_t I = 0; I < Out.size(); ++I) {
      if (Out[I].Kind != EdgeKind::Indirect || !InCycle(Out[I].To))
        continue;
      Joiner &J = BySet[Out[I].To];
      J.Set = Out[I].To;
      J.Calls.push_back({Caller, I});
      ++Calls;
    }
  }
  std::vector<Joiner> Joiners;
  for (auto &[Set, J] : BySet) {
    for (const Edge &C : G.edges(Set))
      J.InCycle += InCycle(C.To);
    Joiners.push_back(std::move(J));
  }
  llvm::sort(Joiners, [](const Joiner &X, const Joiner &Y) {
    return std::make_tuple(Y.InCycle, Y.Calls.size(), X.Set) <
           std::make_tuple(X.InCycle, X.Calls.size(), Y.Set);
  });
  OS << "  the cycle: " << Largest->Members.size()
     << " members (functions and candidate sets), one trip up to "
     << Largest->TripBytes << " bytes; " << Calls
     << (Calls == 1 ? " indirect call inside it goes through "
                    : " indirect calls inside it go through ")
     << Joiners.size()
     << (Joiners.size() == 1 ? " candidate set\n" : " candidate sets\n");
  for (size_t I = 0; I < Joiners.size() && I < Top; ++I) {
    const Joiner &J = Joiners[I];
    // What annotating every call of this set (or narrowing the set) could
    // do at most: the cycle with the set gone.
    CallGraph WithoutSet = keepEdges(
        G, [&](NodeId, size_t, const Edge &E) { return E.To != J.Set; });
    Expected<DepthAnalysis> Cut = DepthAnalysis::run(WithoutSet, Bounds);
    if (!Cut)
      return Cut.takeError();
    const CycleInfo *Left = largestUnboundedCycle(*Cut);
    const auto &[Caller, Index] = J.Calls.front();
    OS << "  " << I + 1 << ". " << G.node(J.Set).Name << ": "
       << G.edges(J.Set).size() << " candidates, " << J.InCycle
       << " in the cycle; " << J.Calls.size()
       << (J.Calls.size() == 1 ? " call" : " calls")
       << " inside it, first " << placeOf(G.callLoc(G.edges(Caller)[Index]))
       << " in '" << G.node(Caller).Name << "'; without the set the largest "
       << "unbounded cycle has " << (Left ? Left->Members.size() : 0)
       << " members\n";
  }
  return Error::success();
}

/// The functions whose `recursion` bounds would cut the largest unbounded
/// cycle (CycleCut.h), in the order they shrink it.
static void rankCycleCut(const CallGraph &G, const DepthAnalysis &DA,
                         raw_ostream &OS) {
  const CycleInfo *Largest = headCycleRanking(
      DA,
      "functions whose recursion bound would cut the largest unbounded "
      "cycle, in the order they shrink it",
      OS);
  if (!Largest)
    return;
  const std::vector<NodeId> &Members = Largest->Members;
  CycleGraph CG;
  CG.Arcs.resize(Members.size());
  CG.Bounds = Largest->Bounds;
  for (uint32_t U = 0; U < Members.size(); ++U)
    for (const Edge &E : G.edges(Members[U]))
      if (auto It = llvm::lower_bound(Members, E.To);
          It != Members.end() && *It == E.To)
        CG.addArc(U, It - Members.begin(), 0);
  CycleCut Cut = suggestCut(CG, [&](uint32_t U) {
    return G.node(Members[U]).Kind == NodeKind::Function;
  });
  OS << "  the cycle: " << Members.size() << " members; bounding "
     << Cut.Steps.size()
     << (Cut.Steps.size() == 1 ? " function" : " functions")
     << " cuts every cycle in it (chosen greedily, not always the fewest)";
  if (Cut.Uncuttable)
    OS << "; a cycle of " << Cut.Uncuttable
       << " members through candidate sets only is left";
  OS << "\n";
  for (size_t I = 0; I < Cut.Steps.size() && I < Top; ++I)
    OS << "  " << I + 1 << ". '" << G.node(Members[Cut.Steps[I].Member]).Name
       << "': the largest cycle left has " << Cut.Steps[I].LargestLeft
       << " members\n";
}

/// Unresolved calls, by the entries whose paths they make unknown.
static void rankUnresolved(const CheckResult &Result, raw_ostream &OS) {
  std::map<uint32_t, unsigned> Reached;
  for (const EntryReport &E : Result.Entries)
    for (uint32_t Index : E.Unknowns) {
      UnknownKind Kind = Result.Unknowns[Index].Kind;
      if (Kind == UnknownKind::NoCandidates || Kind == UnknownKind::AsmTarget)
        ++Reached[Index];
    }
  std::vector<std::pair<uint32_t, unsigned>> Unresolved(Reached.begin(),
                                                        Reached.end());
  llvm::sort(Unresolved, [](const auto &X, const auto &Y) {
    return std::make_tuple(Y.second, X.first) <
           std::make_tuple(X.second, Y.first);
  });
  OS << "unresolved indirect calls, by entries whose path they make "
        "unknown:\n";
  if (Unresolved.empty())
    OS << "  (none)\n";
  for (size_t I = 0; I < Unresolved.size() && I < Top; ++I) {
    const UnknownReport &U = Result.Unknowns[Unresolved[I].first];
    OS << "  " << I + 1 << ". " << placeOf(U.Loc) << " in '" << U.Function
       << "': " << U.Message << " [" << unknownKindName(U.Kind)
       << "]: " << Unresolved[I].second
       << (Unresolved[I].second == 1 ? " entry\n" : " entries\n");
  }
}

/// Resolved indirect calls on worst paths, by the bytes they may add.
static Error rankOnWorstPaths(const CallGraph &G, const DepthAnalysis &DA,
                              const CheckResult &Result, const Profile &P,
                              raw_ostream &OS) {
  std::map<std::pair<NodeId, size_t>, Site> Sites;
  for (const EntryReport &E : Result.Entries) {
    NodeId Entry = G.find(E.Function, E.TU);
    if (Entry == InvalidNode)
      continue;
    std::vector<Path> Paths = DA.worstPaths(Entry, 1, Result.CallOverhead);
    if (Paths.empty())
      continue;
    const Path &W = Paths.front();
    for (size_t I = 1; I < W.Steps.size(); ++I) {
      const PathStep &S = W.Steps[I];
      if (G.node(S.Node).Kind != NodeKind::CandidateSet || !S.Via)
        continue;
      NodeId Caller = W.Steps[I - 1].Node;
      ArrayRef<Edge> Out = G.edges(Caller);
      if (S.Via < Out.begin() || S.Via >= Out.end())
        continue;
      size_t Index = S.Via - Out.begin();
      Site &Info = Sites[{Caller, Index}];
      Info.Caller = Caller;
      Info.EdgeIndex = Index;
      ++Info.Entries;
      Info.WorstBytes = std::max(Info.WorstBytes, W.Total.Bytes);
      Info.EntryNodes.push_back(Entry);
    }
  }
  std::vector<Site> Ranked;
  for (auto &[Key, S] : Sites) {
    Expected<uint64_t> Without =
        worstWithout(G, P.Recursion, S, Result.CallOverhead);
    if (!Without)
      return Without.takeError();
    S.WithoutBytes = *Without;
    Ranked.push_back(S);
  }
  // Deepest saving first, then most entries, then graph order.
  llvm::sort(Ranked, [](const Site &X, const Site &Y) {
    uint64_t DX = X.WorstBytes - std::min(X.WorstBytes, X.WithoutBytes);
    uint64_t DY = Y.WorstBytes - std::min(Y.WorstBytes, Y.WithoutBytes);
    return std::make_tuple(DY, Y.Entries, X.Caller, X.EdgeIndex) <
           std::make_tuple(DX, X.Entries, Y.Caller, Y.EdgeIndex);
  });
  OS << "indirect calls on worst paths, by bytes they may add:\n";
  if (Ranked.empty())
    OS << "  (none)\n";
  for (size_t I = 0; I < Ranked.size() && I < Top; ++I) {
    const Site &S = Ranked[I];
    const Edge &E = G.edges(S.Caller)[S.EdgeIndex];
    const Node &Set = G.node(E.To);
    OS << "  " << I + 1 << ". " << placeOf(G.callLoc(E)) << " in '"
       << G.node(S.Caller).Name << "': " << G.edges(E.To).size()
       << (G.edges(E.To).size() == 1 ? " candidate" : " candidates") << " ("
       << Set.Name << "); on the worst path of " << S.Entries
       << (S.Entries == 1 ? " entry" : " entries") << ", up to " << S.WorstBytes
       << " bytes; " << S.WithoutBytes << " without it (-"
       << S.WorstBytes - std::min(S.WorstBytes, S.WithoutBytes) << ")\n";
  }
  return Error::success();
}

int runRankCommand() {
  // One worst path per entry: rank's --top is the length of its lists.
  ReadResult R;
  Expected<CheckRun> Run =
      readAndCheck(Inputs, Session.config(/*TopPaths=*/1), R);
  if (!Run)
    return reportError(Run.takeError());
  const CheckResult &Result = Run->Result;
  const Profile &P = Run->Session.profile();

  Expected<CallGraph> G = Run->graph(R);
  if (!G)
    return reportError(G.takeError());
  Expected<DepthAnalysis> DA = DepthAnalysis::run(*G, P.Recursion);
  if (!DA)
    return reportError(DA.takeError());

  raw_ostream &OS = outs();

  rankUnresolved(Result, OS);
  if (Error E = rankOnWorstPaths(*G, *DA, Result, P, OS))
    return reportError(std::move(E));
  if (Error E = rankCycleJoiners(*G, *DA, P.Recursion, OS))
    return reportError(std::move(E));
  rankCycleCut(*G, *DA, OS);
  return 0;
}

} // namespace stackbudget
