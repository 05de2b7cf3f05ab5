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
// A cycle C (a strongly connected component) is bounded when the functions
// with a RecursionBound ("f is active at most b(f) times on one path") cut
// every cycle through it. A walk enters C at a member e, calls along C's
// arcs and leaves from the member u on top of the stack, so a member's
// depth is
//
//   depth(e)  = max over u in C of walk(e, u) + exit(u)
//   exit(u)   = max(own(u), max over calls u->v leaving C of w + depth(v))
//
// with walk(e, u) the deepest walk from e to u under the bounds, exact for
// small cycles and a proven upper bound for large ones (CycleBound.h). A
// cycle the bounds do not cut is computed with each of its unbounded
// members active once and marked unknown, with a cycle that no bound cuts.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_WORSTPATH_H
#define STACKBUDGET_WORSTPATH_H

#include "stackbudget/CallGraph.h"
#include "stackbudget/CycleBound.h"
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
  /// Per member (in Members order): its recursion bound, if it has one
  /// (the largest of several).
  std::vector<std::optional<uint64_t>> Bounds;
  /// The sum over members of their heaviest call inside the cycle: one
  /// trip through every member (what the cycle costs per activation of
  /// all of them; informational).
  uint64_t TripBytes = 0;
  /// How walk(e, u) was computed.
  CycleMethod Method = CycleMethod::Exact;
  /// The deepest depth of a member.
  StackUsage Depth;
  /// Index into DepthAnalysis::unknowns() of the "no bound" reason: set
  /// when the bounds do not cut every cycle through the members.
  std::optional<uint32_t> UnboundedReason;

  bool isBounded() const { return !UnboundedReason; }
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

/// Where an unknown without a location of its own (a symbol without facts)
/// is pointed at: the first call of its node in the graph, in node order.
/// It belongs to the unknown source, not to an entry that reaches it.
struct UnknownCall {
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
  run(const CallGraph &G, llvm::ArrayRef<RecursionBound> Bounds,
      const CycleLimits &Limits = CycleLimits());

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

  /// The unknowns reachable from \p Entry, as indices into unknowns()
  /// sorted: all of them, or the first MaxListedUnknowns with \p Truncated
  /// set.
  llvm::ArrayRef<uint32_t> reachableUnknowns(NodeId Entry,
                                             bool *Truncated = nullptr) const;
  /// The call unknown \p Source is pointed at when it has no location;
  /// Caller is InvalidNode when it has one, or nothing calls its node.
  UnknownCall callOfUnknown(uint32_t Source) const;

  /// One way a path can leave a component: from member From along E, or
  /// stopping in From (E null). Value is the depth from the member the
  /// component was entered at when this choice is taken.
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
  /// Per node: its position in its component's members.
  std::vector<uint32_t> IndexInComponent;
  /// Per node: the deepest choice of its component when entered there.
  std::vector<Choice> Best;
  std::vector<CycleInfo> Cycles;
  /// Per cycle: the deepest walks between its members.
  std::vector<CycleWalks> Walks;
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
  std::vector<const Edge *> FirstCallSite;
  /// The components of the graph, callees first, and its cycles.
  void condense();
  /// Each recursion bound on the member it names; an error for a bound on
  /// a function that is gone or in no cycle.
  llvm::Error applyBounds(llvm::ArrayRef<RecursionBound> Bounds);
  /// Every unknown by node, and the first call into each node.
  void indexUnknowns();
  void mergeUnknowns(uint32_t C);
  /// Bounds of the cycle's members (annotated, else 1 when the bounds do
  /// not cut every cycle) and, when they do not, its "no bound" unknown.
  CycleGraph boundCycle(uint32_t Component, uint32_t Cycle);
  /// What a path entering a cycle at \p Entry adds inside it before it
  /// leaves from \p Exit.
  uint64_t cycleBase(NodeId Entry, NodeId Exit) const;
  /// What leaving from \p From along \p E (stopping there if null) adds.
  uint64_t leaveBytes(NodeId From, const Edge *E) const;
  /// Every choice of the component of \p Entry entered there; the best
  /// one first.
  std::vector<Choice> choices(NodeId Entry) const;
  /// Best and Depth of every member of component \p C.
  void chooseBest(uint32_t C, bool Unknown);
  /// The best choice of each component on the path from \p Start.
  void followBest(NodeId Start, std::vector<Choice> &Into) const;
  Path expand(NodeId Entry, const std::vector<Choice> &Choices,
              uint64_t EntryOverhead) const;
};

} // namespace stackbudget

#endif // STACKBUDGET_WORSTPATH_H
