//===- WorstPath.h - Worst stack depth below every function ---------------===//
//
// Works on the condensation of the call graph (strongly connected components
// from llvm::scc_iterator, callees before callers), so the depth of every
// function is computed in one linear pass:
//
//   own(f)    = frame + red zone + bounded dynamic allocation
//   w(f->g)   = own(f) + call overhead   for a call, 0 for a tail call
//   depth(f)  = max(own(f), max over calls f->g of w(f->g) + depth(g))
//
// A cycle C whose functions are each active at most N times at once (a
// RecursionBound) is bounded by
//
//   depth(C)  = N * trip(C) + max over u in C of (exit(u) - maxw(u))
//   trip(C)   = sum over u in C of maxw(u)
//   maxw(u)   = the largest w(u->v) with v in C
//   exit(u)   = max(own(u), max over calls u->v leaving C of w + depth(v))
//
// trip(C) bounds one trip around the cycle (exact for self-recursion and
// two-function cycles; finding the deepest simple cycle is NP-hard). A
// cycle without a bound is computed as if N were 1 and marked unknown.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_WORSTPATH_H
#define STACKBUDGET_WORSTPATH_H

#include "stackbudget/CallGraph.h"
#include "stackbudget/Profile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace stackbudget {

/// "Bytes + unknown": Bytes is what is proven with every unknown part taken
/// as 0 and every unbounded cycle taken once; Unknown says there is more.
struct StackUsage {
  uint64_t Bytes = 0;
  bool Unknown = false;
};

struct CycleInfo {
  /// Members, sorted by node id.
  std::vector<NodeId> Members;
  /// trip(C): bound of one trip around the cycle.
  uint64_t TripBytes = 0;
  /// The bound applied (the largest annotated for any member).
  std::optional<uint64_t> MaxDepth;
  /// depth(C), which every member gets.
  StackUsage Depth;
  /// Index into DepthAnalysis::unknowns() of the "no bound" reason.
  std::optional<uint32_t> UnboundedReason;
};

/// One function on a path. The first step is the entry.
struct PathStep {
  NodeId Node = InvalidNode;
  /// The edge from the previous step's node; null for the entry and for the
  /// member a cycle is left from (Cycle of the previous step is set).
  const Edge *Via = nullptr;
  /// Stack in use while this function runs at its deepest own point.
  uint64_t Total = 0;
  /// Set on a step that enters a cycle: the path recurses through the
  /// cycle, adding CycleBytes, and leaves it from the next step's node.
  std::optional<uint32_t> Cycle;
  uint64_t CycleBytes = 0;
};

struct Path {
  StackUsage Total;
  std::vector<PathStep> Steps;
};

/// An unknown reachable from an entry.
struct ReachedUnknown {
  uint32_t Source = 0;
  /// For an unknown without a location of its own (a symbol without
  /// facts): its first caller in the graph and that call site.
  NodeId Caller = InvalidNode;
  SourceLoc CallSite;
};

/// The analysis refers to the graph it ran on, which must outlive it and
/// stay in place.
class DepthAnalysis {
public:
  /// Finds the cycles and computes every depth. A recursion bound naming a
  /// function that does not exist or is in no cycle is an error at the
  /// bound's location (annotations must not rot).
  static llvm::Expected<DepthAnalysis>
  run(const CallGraph &G, llvm::ArrayRef<RecursionBound> Bounds);

  const CallGraph &graph() const { return *G; }
  StackUsage depth(NodeId N) const { return Depth[N]; }
  /// The cycle \p N belongs to, if any.
  std::optional<uint32_t> cycleOf(NodeId N) const;
  llvm::ArrayRef<CycleInfo> cycles() const { return Cycles; }
  /// The graph's unknowns followed by one per unbounded cycle.
  llvm::ArrayRef<UnknownSource> unknowns() const { return AllUnknowns; }

  /// The \p N deepest distinct paths from \p Entry, deepest first; each
  /// total includes \p EntryOverhead (the call that entered the entry).
  std::vector<Path> worstPaths(NodeId Entry, unsigned N,
                               uint64_t EntryOverhead) const;

  /// How many unknowns are kept per component: each component keeps the
  /// MaxListedUnknowns smallest source indices of everything below it, so
  /// the lists cost linear time and memory whatever the graph's shape.
  static constexpr unsigned MaxListedUnknowns = 64;

  /// The unknowns reachable from \p Entry, sorted by source index: all of
  /// them, or the first MaxListedUnknowns with \p Truncated set.
  std::vector<ReachedUnknown> reachableUnknowns(NodeId Entry,
                                                bool *Truncated = nullptr) const;

  /// One way a path can leave a component: from member From along E, or
  /// stopping in From (E null). Value is the depth from the component's
  /// entry when this choice is taken.
  struct Choice {
    NodeId From = InvalidNode;
    const Edge *E = nullptr;
    uint64_t Value = 0;
  };

private:
  const CallGraph *G = nullptr;
  std::vector<StackUsage> Depth;
  /// Components in topological order, callees first.
  std::vector<std::vector<NodeId>> Components;
  std::vector<uint32_t> ComponentOf;
  /// Per component: its cycle index or -1.
  std::vector<int32_t> CycleOfComponent;
  /// Per component: its deepest choice.
  std::vector<Choice> Best;
  std::vector<CycleInfo> Cycles;
  /// Per cycle: maxw(u) of each member, in Members order.
  std::vector<std::vector<uint64_t>> MaxInternal;
  std::vector<UnknownSource> AllUnknowns;
  /// Per node: indices into AllUnknowns.
  std::vector<std::vector<uint32_t>> NodeUnknowns;
  /// Per component: the smallest unknown indices reachable from it (shared
  /// between components where nothing is added) and whether there are more.
  std::vector<std::shared_ptr<const std::vector<uint32_t>>> BelowUnknowns;
  std::vector<bool> MoreUnknowns;

  /// The first call into each node and its site (for unknowns without a
  /// location of their own).
  std::vector<NodeId> FirstCaller;
  std::vector<const SourceLoc *> FirstCallSite;
  void mergeUnknowns(uint32_t C);
  /// What a path adds inside a cycle before it leaves from \p Exit.
  uint64_t cycleBase(uint32_t Cycle, NodeId Exit) const;
  /// Every choice of component \p C; the best one first.
  std::vector<Choice> choices(uint32_t C) const;
  /// The best choice of each component on the path from \p Start.
  void followBest(NodeId Start, std::vector<Choice> &Into) const;
  Path expand(NodeId Entry, const std::vector<Choice> &Choices,
              uint64_t EntryOverhead) const;
};

} // namespace stackbudget

#endif // STACKBUDGET_WORSTPATH_H
