//===- WorstPath.cpp - Worst stack depth below every function -------------===//

#include "stackbudget/WorstPath.h"

#include "SccGraph.h"
#include "stackbudget/LocatedError.h"

#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <queue>

using namespace llvm;

namespace stackbudget {

/// The call graph as llvm::GraphTraits sees it.
static SccGraph sccGraphOf(const CallGraph &G) {
  SccGraph SG(G.size(), G.numEdges());
  for (NodeId N = 0; N < G.size(); ++N) {
    for (const Edge &E : G.edges(N))
      SG.addArc(N, E.To);
    SG.addRoot(N);
  }
  return SG;
}

static std::string describeMembers(const CallGraph &G,
                                   ArrayRef<NodeId> Members) {
  std::string S;
  constexpr size_t Shown = 5;
  for (size_t I = 0; I < Members.size() && I < Shown; ++I)
    S += (I ? ", '" : "'") + G.node(Members[I]).Name + "'";
  if (Members.size() > Shown)
    S += " and " + std::to_string(Members.size() - Shown) + " more";
  return S;
}

void DepthAnalysis::mergeUnknowns(uint32_t C) {
  std::vector<uint32_t> Own;
  for (NodeId U : Components[C])
    append_range(Own, NodeUnknowns[U]);
  SmallVector<const std::vector<uint32_t> *, 4> Below;
  bool More = false;
  for (NodeId U : Components[C])
    for (const Edge &E : G->edges(U)) {
      uint32_t D = ComponentOf[E.To];
      if (D == C)
        continue;
      More = More || MoreUnknowns[D];
      const std::vector<uint32_t> *Set = BelowUnknowns[D].get();
      if (Set && !is_contained(Below, Set))
        Below.push_back(Set);
    }
  MoreUnknowns[C] = More;
  if (Own.empty() && Below.size() == 1) {
    // Nothing new here: share the callee's list.
    for (NodeId U : Components[C])
      for (const Edge &E : G->edges(U))
        if (BelowUnknowns[ComponentOf[E.To]].get() == Below.front()) {
          BelowUnknowns[C] = BelowUnknowns[ComponentOf[E.To]];
          return;
        }
  }
  if (Own.empty() && Below.empty())
    return;
  for (const std::vector<uint32_t> *Set : Below)
    append_range(Own, *Set);
  llvm::sort(Own);
  Own.erase(std::unique(Own.begin(), Own.end()), Own.end());
  if (Own.size() > MaxListedUnknowns) {
    Own.resize(MaxListedUnknowns);
    MoreUnknowns[C] = true;
  }
  BelowUnknowns[C] = std::make_shared<const std::vector<uint32_t>>(std::move(Own));
}

/// "'a' -> 'b' -> 'a'", at most Shown members before the way back.
static std::string describeCycle(const CallGraph &G, ArrayRef<NodeId> Cycle) {
  std::string S;
  constexpr size_t Shown = 8;
  for (size_t I = 0; I < Cycle.size() && I < Shown; ++I)
    S += "'" + G.node(Cycle[I]).Name + "' -> ";
  if (Cycle.size() > Shown)
    S += "... (" + std::to_string(Cycle.size() - Shown) + " more) -> ";
  return S + "'" + G.node(Cycle.front()).Name + "'";
}

CycleGraph DepthAnalysis::boundCycle(uint32_t C, uint32_t Cyc) {
  ArrayRef<NodeId> Members = Components[C];
  CycleInfo &Info = Cycles[Cyc];
  CycleGraph CG;
  CG.Arcs.resize(Members.size());
  CG.Bounds = Info.Bounds;
  for (size_t I = 0; I < Members.size(); ++I) {
    uint64_t MaxW = 0;
    CG.Arcs[I].reserve(G->edges(Members[I]).size());
    for (const Edge &E : G->edges(Members[I]))
      if (ComponentOf[E.To] == C) {
        uint64_t W = G->edgeWeight(Members[I], E);
        CG.addArc(I, IndexInComponent[E.To], W);
        MaxW = std::max(MaxW, W);
      }
    Info.TripBytes = SaturatingAdd(Info.TripBytes, MaxW);
  }
  std::vector<uint32_t> Uncut = findUncutCycle(CG);
  if (Uncut.empty())
    return CG;

  // Not cut: every unbounded member counts once, and the path is unknown.
  UnknownSource U;
  U.Kind = UnknownKind::Recursion;
  U.Message =
      "recursion through " + describeMembers(*G, Members) + " has no depth bound";
  U.Node = Members.front();
  if (any_of(Info.Bounds, [](const auto &B) { return B.has_value(); })) {
    std::vector<NodeId> Cycle;
    for (uint32_t I : Uncut)
      Cycle.push_back(Members[I]);
    U.Message += ": no bound cuts the cycle " + describeCycle(*G, Cycle);
    U.Node = Cycle.front();
  }
  U.Loc = G->node(U.Node).Loc;
  Info.UnboundedReason = AllUnknowns.size();
  NodeUnknowns[U.Node].push_back(AllUnknowns.size());
  AllUnknowns.push_back(std::move(U));
  for (std::optional<uint64_t> &B : CG.Bounds)
    if (!B)
      B = 1;
  return CG;
}

uint64_t DepthAnalysis::cycleBase(NodeId Entry, NodeId Exit) const {
  const CycleWalks &W = Walks[CycleOfComponent[ComponentOf[Entry]]];
  return W.walkBytes(IndexInComponent[Entry], IndexInComponent[Exit]);
}

uint64_t DepthAnalysis::leaveBytes(NodeId From, const Edge *E) const {
  if (!E)
    return G->node(From).Parts.own();
  return SaturatingAdd(G->edgeWeight(From, *E), Depth[E->To].Bytes);
}

std::vector<DepthAnalysis::Choice>
DepthAnalysis::choices(NodeId Entry) const {
  std::vector<Choice> Out;
  uint32_t C = ComponentOf[Entry];
  int32_t Cyc = CycleOfComponent[C];
  for (NodeId U : Components[C]) {
    uint64_t Base = Cyc >= 0 ? cycleBase(Entry, U) : 0;
    // Calls before stopping, so that a tie prefers the longer path.
    for (const Edge &E : G->edges(U)) {
      if (Cyc >= 0 && ComponentOf[E.To] == C)
        continue;
      Out.push_back({U, &E, SaturatingAdd(Base, leaveBytes(U, &E))});
    }
    if (G->canStop(U))
      Out.push_back({U, nullptr, SaturatingAdd(Base, leaveBytes(U, nullptr))});
  }
  if (Out.empty())
    return Out;
  auto Best = Out.begin();
  for (auto It = Out.begin(); It != Out.end(); ++It)
    if (It->Value > Best->Value)
      Best = It;
  std::rotate(Out.begin(), Best, Best + 1);
  return Out;
}

void DepthAnalysis::chooseBest(uint32_t C, bool Unknown) {
  ArrayRef<NodeId> Members = Components[C];
  int32_t Cyc = CycleOfComponent[C];
  if (Cyc >= 0 && Walks[Cyc].sameBestExitForEveryEntry()) {
    // One search for the exit; each entry adds its own walk to it.
    std::vector<Choice> Ch = choices(Members.front());
    for (NodeId M : Members) {
      Choice B = Ch.empty() ? Choice() : Ch.front();
      if (!Ch.empty())
        B.Value = SaturatingAdd(cycleBase(M, B.From), leaveBytes(B.From, B.E));
      Best[M] = B;
    }
  } else {
    for (NodeId M : Members) {
      std::vector<Choice> Ch = choices(M);
      Best[M] = Ch.empty() ? Choice() : Ch.front();
    }
  }
  StackUsage Deepest{0, Unknown};
  for (NodeId M : Members) {
    Depth[M] = {Best[M].Value, Unknown};
    Deepest.Bytes = std::max(Deepest.Bytes, Best[M].Value);
  }
  if (Cyc >= 0)
    Cycles[Cyc].Depth = Deepest;
}

void DepthAnalysis::condense() {
  SccGraph SG = sccGraphOf(*G);
  for (auto It = scc_begin(&SG); !It.isAtEnd(); ++It) {
    const std::vector<SccVertex *> &Scc = *It;
    if (Scc.size() == 1 && Scc.front() == SG.root())
      continue;
    uint32_t C = Components.size();
    std::vector<NodeId> &Members = Components.emplace_back();
    for (SccVertex *V : Scc) {
      Members.push_back(V->Id);
      ComponentOf[V->Id] = C;
    }
    llvm::sort(Members);
    for (uint32_t I = 0; I < Members.size(); ++I)
      IndexInComponent[Members[I]] = I;
    bool IsCycle = Members.size() > 1 || It.hasCycle();
    CycleOfComponent.push_back(IsCycle ? Cycles.size() : -1);
    if (IsCycle) {
      CycleInfo &Info = Cycles.emplace_back();
      Info.Members = Members;
      Info.Bounds.resize(Members.size());
    }
  }
}

Error DepthAnalysis::applyBounds(ArrayRef<RecursionBound> Bounds) {
  // A bound belongs to the function it names.
  for (const RecursionBound &B : Bounds) {
    bool Found = false;
    for (NodeId X = 0; X < G->size(); ++X) {
      if (G->node(X).Kind == NodeKind::CandidateSet ||
          G->node(X).Name != B.Function)
        continue;
      Found = true;
      int32_t Cyc = CycleOfComponent[ComponentOf[X]];
      if (Cyc < 0)
        return errorAt(B.Loc, "stale recursion bound: '" + B.Function +
                                  "' is in no cycle of the call graph");
      std::optional<uint64_t> &Own = Cycles[Cyc].Bounds[IndexInComponent[X]];
      Own = std::max(Own.value_or(0), B.MaxDepth);
    }
    if (!Found)
      return errorAt(B.Loc, "stale recursion bound: no function '" +
                                B.Function + "' in the program");
  }

  return Error::success();
}

void DepthAnalysis::indexUnknowns() {
  AllUnknowns.assign(G->unknowns().begin(), G->unknowns().end());
  NodeUnknowns.resize(G->size());
  for (uint32_t I = 0; I < AllUnknowns.size(); ++I)
    NodeUnknowns[AllUnknowns[I].Node].push_back(I);
  Walks.resize(Cycles.size());
  BelowUnknowns.resize(Components.size());
  MoreUnknowns.assign(Components.size(), false);
  // The first call of every node, for unknowns without a location.
  FirstCaller.assign(G->size(), InvalidNode);
  FirstCallSite.assign(G->size(), nullptr);
  for (NodeId U = 0; U < G->size(); ++U)
    for (const Edge &E : G->edges(U))
      if (FirstCaller[E.To] == InvalidNode && E.CallFile && E.CallLine) {
        FirstCaller[E.To] = U;
        FirstCallSite[E.To] = &E;
      }
}

Expected<DepthAnalysis> DepthAnalysis::run(const CallGraph &G,
                                           ArrayRef<RecursionBound> Bounds,
                                           const CycleLimits &Limits) {
  DepthAnalysis A;
  A.G = &G;
  size_t N = G.size();
  A.ComponentOf.assign(N, ~0u);
  A.IndexInComponent.assign(N, 0);
  A.Depth.assign(N, StackUsage());
  A.Best.assign(N, Choice());

  A.condense();
  if (Error E = A.applyBounds(Bounds))
    return std::move(E);
  A.indexUnknowns();

  // Callees before callers: every successor outside the component is done.
  for (uint32_t C = 0; C < A.Components.size(); ++C) {
    ArrayRef<NodeId> Members = A.Components[C];
    int32_t Cyc = A.CycleOfComponent[C];
    bool Unknown = false;
    for (NodeId U : Members) {
      Unknown |= !A.NodeUnknowns[U].empty();
      for (const Edge &E : G.edges(U))
        if (A.ComponentOf[E.To] != C)
          Unknown |= A.Depth[E.To].Unknown;
    }
    if (Cyc >= 0) {
      CycleGraph CG = A.boundCycle(C, Cyc);
      Unknown |= !A.Cycles[Cyc].isBounded();
      A.Walks[Cyc] = CycleWalks::compute(CG, Limits);
      A.Cycles[Cyc].Method = A.Walks[Cyc].method();
    }
    A.mergeUnknowns(C);
    A.chooseBest(C, Unknown);
  }
  return std::move(A);
}

std::optional<uint32_t> DepthAnalysis::cycleOf(NodeId N) const {
  int32_t Cyc = CycleOfComponent[ComponentOf[N]];
  if (Cyc < 0)
    return std::nullopt;
  return Cyc;
}

void DepthAnalysis::followBest(NodeId Start, std::vector<Choice> &Into) const {
  NodeId X = Start;
  while (true) {
    const Choice &Ch = Best[X];
    if (Ch.From == InvalidNode)
      return;
    Into.push_back(Ch);
    if (!Ch.E)
      return;
    X = Ch.E->To;
  }
}

Path DepthAnalysis::expand(NodeId Entry, const std::vector<Choice> &Choices,
                           uint64_t EntryOverhead) const {
  Path P;
  uint64_t Below = EntryOverhead;
  NodeId X = Entry;
  const Edge *Via = nullptr;
  auto Note = [&](NodeId N) {
    P.Total.Unknown |= !NodeUnknowns[N].empty();
  };
  for (const Choice &Ch : Choices) {
    int32_t Cyc = CycleOfComponent[ComponentOf[X]];
    if (Cyc < 0) {
      P.Steps.push_back({X, Via, Below + G->node(X).Parts.own(), std::nullopt, 0});
      Note(X);
    } else {
      uint64_t Base = cycleBase(X, Ch.From);
      P.Steps.push_back({X, Via, Below + Base, uint32_t(Cyc), Base});
      Below = SaturatingAdd(Below, Base);
      P.Steps.push_back(
          {Ch.From, nullptr, Below + G->node(Ch.From).Parts.own(), std::nullopt, 0});
      Note(X);
      Note(Ch.From);
      P.Total.Unknown |= !Cycles[Cyc].isBounded();
    }
    if (!Ch.E)
      break;
    Below = SaturatingAdd(Below, G->edgeWeight(Ch.From, *Ch.E));
    Via = Ch.E;
    X = Ch.E->To;
  }
  for (const PathStep &S : P.Steps)
    P.Total.Bytes = std::max(P.Total.Bytes, S.Total);
  return P;
}

std::vector<Path> DepthAnalysis::worstPaths(NodeId Entry, unsigned N,
                                            uint64_t EntryOverhead) const {
  std::vector<Path> Out;
  if (N == 0)
    return Out;
  // Each path is its predecessor with one more deviation from the best
  // choice, at a position after the predecessor's last deviation
  // (Eppstein's sidetracks); every path arises exactly once and never
  // deeper than its predecessor, so a max-heap yields them in order.
  struct Candidate {
    uint64_t Value;
    uint64_t Seq;
    std::vector<Choice> Prefix;
  };
  auto Less = [](const Candidate &A, const Candidate &B) {
    return A.Value != B.Value ? A.Value < B.Value : A.Seq > B.Seq;
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(Less)> Heap(
      Less);
  uint64_t Seq = 0;
  Heap.push({depth(Entry).Bytes, Seq++, {}});
  while (!Heap.empty() && Out.size() < N) {
    Candidate C = Heap.top();
    Heap.pop();
    std::vector<Choice> Full = C.Prefix;
    size_t FirstFree = Full.size();
    if (Full.empty())
      followBest(Entry, Full);
    else if (Full.back().E) // else the deviation stops the path
      followBest(Full.back().E->To, Full);
    Out.push_back(expand(Entry, Full, EntryOverhead));
    unsigned Wanted = N - Out.size();
    if (!Wanted)
      break;
    for (size_t J = FirstFree; J < Full.size(); ++J) {
      NodeId At = J == 0 ? Entry : Full[J - 1].E->To;
      std::vector<Choice> Ch = choices(At);
      if (Ch.size() < 2)
        continue;
      // Only the Wanted best alternatives here can still be reported.
      auto Alt = Ch.begin() + 1;
      size_t Keep = std::min<size_t>(Wanted, Ch.end() - Alt);
      std::partial_sort(Alt, Alt + Keep, Ch.end(),
                        [](const Choice &A, const Choice &B) {
                          return A.Value > B.Value;
                        });
      for (auto It = Alt; It != Alt + Keep; ++It) {
        Candidate Child;
        Child.Value = C.Value - (Ch.front().Value - It->Value);
        Child.Seq = Seq++;
        Child.Prefix.assign(Full.begin(), Full.begin() + J);
        Child.Prefix.push_back(*It);
        Heap.push(std::move(Child));
      }
    }
  }
  return Out;
}

ArrayRef<uint32_t> DepthAnalysis::reachableUnknowns(NodeId Entry,
                                                    bool *Truncated) const {
  uint32_t C = ComponentOf[Entry];
  if (Truncated)
    *Truncated = MoreUnknowns[C];
  if (!BelowUnknowns[C])
    return {};
  return *BelowUnknowns[C];
}

UnknownCall DepthAnalysis::callOfUnknown(uint32_t Source) const {
  UnknownCall Out;
  const UnknownSource &S = AllUnknowns[Source];
  if (!S.Loc.isValid() && FirstCaller[S.Node] != InvalidNode) {
    Out.Caller = FirstCaller[S.Node];
    Out.CallSite = G->callLoc(*FirstCallSite[S.Node]);
  }
  return Out;
}

} // namespace stackbudget
