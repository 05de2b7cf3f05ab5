//===- CycleCut.cpp - Which members to bound so a cycle is bounded --------===//

#include "stackbudget/CycleCut.h"

#include "SccGraph.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace stackbudget {

namespace {
/// The members not cut yet and the calls between them; a member that
/// calls itself is marked instead of given an arc, so that scc_iterator's
/// components of one member are cycles exactly when marked.
struct CutGraph {
  SccGraph Graph;
  std::vector<bool> SelfCall;

  static size_t arcsOf(const CycleGraph &G) {
    size_t N = 0;
    for (const std::vector<CycleGraph::Arc> &A : G.Arcs)
      N += A.size();
    return N;
  }

  CutGraph(const CycleGraph &G, const std::vector<bool> &Cut)
      : Graph(G.size(), arcsOf(G)), SelfCall(G.size(), false) {
    for (uint32_t U = 0; U < G.size(); ++U) {
      if (Cut[U])
        continue;
      for (const CycleGraph::Arc &A : G.Arcs[U]) {
        if (Cut[A.To])
          continue;
        if (A.To == U)
          SelfCall[U] = true;
        else
          Graph.addArc(U, A.To);
      }
      Graph.addRoot(U);
    }
  }
};
} // namespace

/// The cycles left: every strongly connected component with more than one
/// member, and every member that calls itself, largest first.
static std::vector<std::vector<uint32_t>> cyclesLeft(CutGraph &CG) {
  std::vector<std::vector<uint32_t>> Out;
  for (auto It = scc_begin(&CG.Graph); !It.isAtEnd(); ++It) {
    const std::vector<SccVertex *> &SCC = *It;
    if (SCC.size() == 1 &&
        (SCC[0] == CG.Graph.root() || !CG.SelfCall[SCC[0]->Id]))
      continue;
    std::vector<uint32_t> Members;
    for (const SccVertex *V : SCC)
      Members.push_back(V->Id);
    llvm::sort(Members);
    Out.push_back(std::move(Members));
  }
  llvm::sort(Out, [](const auto &A, const auto &B) {
    return A.size() != B.size() ? A.size() > B.size() : A[0] < B[0];
  });
  return Out;
}

CycleCut suggestCut(const CycleGraph &G,
                    function_ref<bool(uint32_t)> Choosable) {
  std::vector<bool> Cut(G.size(), false);
  for (uint32_t U = 0; U < G.size(); ++U)
    Cut[U] = G.isBounded(U);
  CycleCut Result;
  while (true) {
    CutGraph CG(G, Cut);
    std::vector<std::vector<uint32_t>> Left = cyclesLeft(CG);
    if (!Result.Steps.empty())
      Result.Steps.back().LargestLeft = Left.empty() ? 0 : Left[0].size();
    // The largest cycle with a member to choose; one without any stays.
    const std::vector<uint32_t> *Target = nullptr;
    for (const std::vector<uint32_t> &C : Left)
      if (llvm::any_of(C, Choosable)) {
        Target = &C;
        break;
      }
    if (!Target) {
      Result.Uncuttable = Left.empty() ? 0 : Left[0].size();
      return Result;
    }
    std::vector<bool> In(G.size(), false);
    for (uint32_t U : *Target)
      In[U] = true;
    std::vector<uint64_t> Ins(G.size(), 0), Outs(G.size(), 0);
    for (uint32_t U : *Target)
      for (const SccVertex *V : CG.Graph.successors(U))
        if (In[V->Id]) {
          ++Outs[U];
          ++Ins[V->Id];
        }
    uint32_t Best = 0;
    uint64_t BestScore = 0;
    bool Found = false;
    for (uint32_t U : *Target) {
      if (!Choosable(U))
        continue;
      // A member that only calls itself still has to be bounded.
      uint64_t Score = Ins[U] * Outs[U] + CG.SelfCall[U];
      if (!Found || Score > BestScore || (Score == BestScore && U < Best)) {
        Best = U;
        BestScore = Score;
        Found = true;
      }
    }
    Cut[Best] = true;
    Result.Steps.push_back({Best, 0});
  }
}

} // namespace stackbudget
