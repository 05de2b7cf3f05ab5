//===- CycleCut.h - Which members to bound so a cycle is bounded ----------===//
//
// A cycle is bounded when its bounded members cut every cycle through it
// (CycleBound.h). On a real kernel the largest cycle has thousands of
// members; `stackbudget rank` lists the functions whose `recursion`
// annotations would cut it, so that the work of justifying bounds goes to
// the few functions that matter. Finding the fewest such members is the
// NP-hard feedback vertex set problem; suggestCut() is the classic greedy
// approximation: repeatedly take, in the largest strongly connected
// component left, the choosable member with the most calls in times calls
// out inside it, until no cycle is left.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CYCLECUT_H
#define STACKBUDGET_CYCLECUT_H

#include "stackbudget/CycleBound.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stackbudget {

struct CutStep {
  /// The member to bound.
  uint32_t Member = 0;
  /// Members of the largest cycle left once it and every earlier step's
  /// member are bounded (0: no cycle left).
  size_t LargestLeft = 0;
};

struct CycleCut {
  std::vector<CutStep> Steps;
  /// Members of the largest cycle that no choosable member cuts (0 when
  /// the steps cut every cycle).
  size_t Uncuttable = 0;
};

/// Members of \p G, unbounded ones among those \p Choosable accepts, whose
/// bounds together with the bounds \p G already has would cut every cycle.
/// A member that calls itself is a cycle on its own.
CycleCut suggestCut(const CycleGraph &G,
                    llvm::function_ref<bool(uint32_t)> Choosable);

} // namespace stackbudget

#endif // STACKBUDGET_CYCLECUT_H
