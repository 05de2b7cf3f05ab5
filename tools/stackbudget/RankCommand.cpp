//===- RankCommand.cpp - `stackbudget rank`: what to annotate next --------===//
//
// stackbudget rank [--profile F] [--annotations F]... [--top N] INPUT...
//
// Ranks the indirect calls a user should annotate first:
//  - unresolved calls (no candidate, or inline asm with an unreadable
//    target), by the number of entries whose path they make unknown;
//  - resolved calls on some entry's worst path, by how much they may add:
//    for each, the worst path through it and the entries' worst paths with
//    the call removed from the graph (an upper bound of what narrowing its
//    candidate set can save).
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/AnnotatedCheck.h"
#include "stackbudget/CallGraph.h"
#include "stackbudget/Check.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/Profile.h"
#include "stackbudget/WorstPath.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace stackbudget {

static cl::SubCommand RankCmd("rank",
                              "Rank the indirect calls to annotate first");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(RankCmd));
static cl::opt<std::string>
    ProfilePath("profile", cl::desc("Profile YAML (docs/profile-format.md)"),
                cl::value_desc("file"), cl::sub(RankCmd));
static cl::list<std::string>
    AnnotationPaths("annotations", cl::desc("Annotation file; repeatable"),
                    cl::value_desc("file"), cl::sub(RankCmd));
static cl::opt<uint64_t>
    StackSize("stack-size",
              cl::desc("Without a profile: the size of the one stack 'task'"),
              cl::init(16384), cl::sub(RankCmd));
static cl::opt<unsigned> Top("top", cl::desc("Calls listed per ranking"),
                             cl::init(10), cl::sub(RankCmd));

bool isRankCommand() { return static_cast<bool>(RankCmd); }

static std::string where(const SourceLoc &L) {
  if (!L.isValid())
    return "<unknown location>";
  return L.File + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
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

/// The worst depth of each of \p Entries once the edge is gone.
static Expected<uint64_t> worstWithout(const CallGraph &G,
                                       ArrayRef<RecursionBound> Bounds,
                                       const Site &S, uint64_t Overhead) {
  std::vector<Node> Nodes(G.nodes().begin(), G.nodes().end());
  std::vector<std::vector<Edge>> Edges(G.size());
  for (NodeId N = 0; N < G.size(); ++N)
    for (size_t I = 0; I < G.edges(N).size(); ++I)
      if (N != S.Caller || I != S.EdgeIndex)
        Edges[N].push_back(G.edges(N)[I]);
  std::vector<UnknownSource> Unknowns(G.unknowns().begin(),
                                      G.unknowns().end());
  CallGraph Cut = CallGraph::fromParts(std::move(Nodes), std::move(Edges),
                                       std::move(Unknowns), G.callOverhead());
  Expected<DepthAnalysis> A = DepthAnalysis::run(Cut, Bounds);
  if (!A)
    return A.takeError();
  uint64_t Worst = 0;
  for (NodeId E : S.EntryNodes)
    Worst = std::max(Worst, A->depth(E).Bytes + Overhead);
  return Worst;
}

int runRankCommand() {
  auto Fail = [](Error E) {
    std::string Msg = toString(std::move(E));
    if (StringRef(Msg).contains(": error: "))
      errs() << Msg << '\n';
    else
      WithColor::error(errs(), "stackbudget") << Msg << '\n';
    return 1;
  };

  Profile P = defaultProfile(StackSize);
  if (!ProfilePath.empty()) {
    Expected<Profile> Loaded = loadProfile(ProfilePath);
    if (!Loaded)
      return Fail(Loaded.takeError());
    P = std::move(*Loaded);
  }
  ReadResult R;
  for (const std::string &Path : Inputs)
    if (Error E = readFactsFile(Path, R))
      return Fail(std::move(E));
  Expected<Annotations> Loaded = loadAllAnnotations(P, AnnotationPaths);
  if (!Loaded)
    return Fail(Loaded.takeError());
  Annotations &A = *Loaded;
  CheckOptions Opts;
  AnnotatedCheck AC;
  if (Error E = AC.prepare(R, A, P, Opts))
    return Fail(std::move(E));
  Expected<CheckResult> Result = runCheck(R, P, Opts);
  if (!Result)
    return Fail(Result.takeError());

  // The same graph the check walked.
  CallGraphOptions GOpts;
  GOpts.CallOverhead = Result->CallOverhead;
  GOpts.ResolveIndirect = Opts.ResolveIndirect;
  GOpts.IsExcluded = Opts.IsExcluded;
  Expected<CallGraph> G = CallGraph::build(R, P, GOpts);
  if (!G)
    return Fail(G.takeError());
  Expected<DepthAnalysis> DA = DepthAnalysis::run(*G, P.Recursion);
  if (!DA)
    return Fail(DA.takeError());

  raw_ostream &OS = outs();

  // Unresolved calls, by the entries whose paths they make unknown.
  std::map<uint32_t, unsigned> Reached;
  for (const EntryReport &E : Result->Entries)
    for (const EntryUnknown &U : E.Unknowns) {
      StringRef Kind = Result->Unknowns[U.Index].Kind;
      if (Kind == "no-candidates" || Kind == "asm-target")
        ++Reached[U.Index];
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
    const UnknownReport &U = Result->Unknowns[Unresolved[I].first];
    OS << "  " << I + 1 << ". " << where(U.Loc) << " in '" << U.Function
       << "': " << U.Message << " [" << U.Kind << "]: "
       << Unresolved[I].second
       << (Unresolved[I].second == 1 ? " entry\n" : " entries\n");
  }

  // Resolved calls on worst paths.
  std::map<std::pair<NodeId, size_t>, Site> Sites;
  for (const EntryReport &E : Result->Entries) {
    NodeId Entry = G->find(E.Function, E.TU);
    if (Entry == InvalidNode)
      continue;
    std::vector<Path> Paths = DA->worstPaths(Entry, 1, Result->CallOverhead);
    if (Paths.empty())
      continue;
    const Path &W = Paths.front();
    for (size_t I = 1; I < W.Steps.size(); ++I) {
      const PathStep &S = W.Steps[I];
      if (G->node(S.Node).Kind != NodeKind::CandidateSet || !S.Via)
        continue;
      NodeId Caller = W.Steps[I - 1].Node;
      ArrayRef<Edge> Out = G->edges(Caller);
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
        worstWithout(*G, P.Recursion, S, Result->CallOverhead);
    if (!Without)
      return Fail(Without.takeError());
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
    const Edge &E = G->edges(S.Caller)[S.EdgeIndex];
    const Node &Set = G->node(E.To);
    OS << "  " << I + 1 << ". " << where(E.CallLoc) << " in '"
       << G->node(S.Caller).Name << "': " << G->edges(E.To).size()
       << (G->edges(E.To).size() == 1 ? " candidate" : " candidates")
       << " (" << Set.Name << "); on the worst path of " << S.Entries
       << (S.Entries == 1 ? " entry" : " entries") << ", up to "
       << S.WorstBytes << " bytes; " << S.WithoutBytes
       << " without it (-" << S.WorstBytes - std::min(S.WorstBytes, S.WithoutBytes)
       << ")\n";
  }
  return 0;
}

} // namespace stackbudget
