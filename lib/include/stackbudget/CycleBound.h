//===- CycleBound.h - The deepest walk through one bounded cycle ----------===//
//
// A walk enters a cycle (a strongly connected component of the call graph)
// at some member e, calls along arcs inside it, and leaves from the member u
// on top of the stack, by a call out of the cycle or by stopping there. The
// bytes it adds inside the cycle are the sum of the arc weights along it
// (the caller's own bytes + the call overhead; 0 for a tail call). A bound
// b(f) says f is active at most b(f) times on one path: every call of f
// counts until it returns, a tail call out of f does not end it.
//
// The bounded members must cut every cycle (findUncutCycle() is empty);
// then every walk is finite and walkBytes(e, u), the deepest walk from e
// ending at u, is
//
//  - exact for cycles of at most CycleLimits::MaxMembers members whose
//    search takes at most CycleLimits::MaxSteps steps: a longest-path
//    search over states (member on top, how often each bounded member is
//    active), memoised per state;
//  - else the closed form
//
//      walkBytes(e, u) <= [e unbounded] L(e) + sum over bounded f of
//                         b(f) * L(f)  -  [u bounded] L(u)
//
//    where L(x) is the heaviest path that starts at x, runs through
//    unbounded members only and may end with one arc into a bounded
//    member. Proof: cut the walk before every activation of a bounded
//    member. Each piece starts at e or at such an activation, runs through
//    unbounded members (which form no cycle, so it is a simple path) and
//    ends with the arc into the next bounded activation or at the end of
//    the walk, so it weighs at most L of its start. There are at most b(f)
//    pieces starting at f, and when u is bounded the last piece starts at
//    u's last activation and weighs 0.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CYCLEBOUND_H
#define STACKBUDGET_CYCLEBOUND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace stackbudget {

/// One cycle as the bound sees it: members 0..size()-1.
struct CycleGraph {
  struct Arc {
    uint32_t To = 0;
    uint64_t Weight = 0;
  };
  /// Per member: its calls to members, the heaviest one per callee.
  std::vector<std::vector<Arc>> Arcs;
  /// Per member: b(u), or nullopt for no bound. A bound is at least 1.
  std::vector<std::optional<uint64_t>> Bounds;

  size_t size() const { return Arcs.size(); }
  bool isBounded(uint32_t U) const { return Bounds[U].has_value(); }
  /// Adds the arc From -> To, keeping the heavier of two to one callee.
  void addArc(uint32_t From, uint32_t To, uint64_t Weight);
};

/// A cycle through unbounded members only, in call order (its first member
/// calls the second, ..., the last calls the first); empty when the bounded
/// members cut every cycle.
std::vector<uint32_t> findUncutCycle(const CycleGraph &G);

enum class CycleMethod : uint8_t { Exact, ClosedForm };

/// "exact" or "closed-form", as the reports spell it.
llvm::StringRef cycleMethodName(CycleMethod M);
/// Every CycleMethod (for readers of the spelling).
llvm::ArrayRef<CycleMethod> allCycleMethods();

struct CycleLimits {
  /// Cycles with more members get the closed form without a search.
  uint32_t MaxMembers = 256;
  /// Steps (a state visited or an arc followed) the search of one cycle may
  /// take over all its entries; about 60 ms on the build machine. A step
  /// count instead of a clock keeps the report the same on every machine.
  uint64_t MaxSteps = uint64_t(1) << 20;
};

/// The deepest walk from every entry member to every exit member.
class CycleWalks {
public:
  /// Requires findUncutCycle(G) to be empty.
  static CycleWalks compute(const CycleGraph &G, const CycleLimits &Limits);

  CycleMethod method() const { return Method; }
  /// The bytes a walk entering at \p Entry adds before it leaves from
  /// \p Exit (the exit's own bytes not included).
  uint64_t walkBytes(uint32_t Entry, uint32_t Exit) const;
  /// Whether walkBytes(Entry, Exit) is a per-entry part minus a per-exit
  /// part (the closed form), so that the best exit is the same for every
  /// entry.
  bool sameBestExitForEveryEntry() const {
    return Method == CycleMethod::ClosedForm;
  }

private:
  CycleMethod Method = CycleMethod::ClosedForm;
  uint32_t Size = 0;
  /// Exact: Size * Size bytes, by entry then exit.
  std::vector<uint64_t> Exact;
  /// Closed form: the bound per entry, and L(u) of bounded exits (else 0).
  std::vector<uint64_t> PerEntry;
  std::vector<uint64_t> LastPiece;
};

} // namespace stackbudget

#endif // STACKBUDGET_CYCLEBOUND_H
