//===- CycleCut.cpp - Which members to bound so a cycle is bounded --------===//

#include "stackbudget/CycleCut.h"

#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace stackbudget {
namespace {

/// The unbounded members of a cycle graph as llvm::GraphTraits sees them,
/// plus a root that calls every one, so one scc_iterator walk covers all.
struct CutVertex {
  uint32_t Member = 0;
  bool SelfCall = false;
  std::vector<CutVertex *> Succs;
};

struct CutGraph {
  std::vector<CutVertex> Vertices;
  CutVertex Root;

  CutGraph(const CycleGraph &G, const std::vector<bool> &Cut)
      : Vertices(G.size()) {
    for (uint32_t U = 0; U < G.size(); ++U) {
      Vertices[U].Member = U;
      if (Cut[U])
        continue;
      for (const CycleGraph::Arc &A : G.Arcs[U]) {
        if (Cut[A.To])
          continue;
        if (A.To == U)
          Vertices[U].SelfCall = true;
        else
          Vertices[U].Succs.push_back(&Vertices[A.To]);
      }
      Root.Succs.push_back(&Vertices[U]);
    }
  }
};

} // namespace
} // namespace stackbudget

namespace llvm {
template <> struct GraphTraits<stackbudget::CutGraph *> {
  using NodeRef = stackbudget::CutVertex *;
  using ChildIteratorType = std::vector<NodeRef>::iterator;
  static NodeRef getEntryNode(stackbudget::CutGraph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Succs.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Succs.end(); }
};
} // namespace llvm

namespace stackbudget {

/// The cycles left: every strongly connected component with more than one
/// member, and every member that calls itself, largest first.
static std::vector<std::vector<uint32_t>> cyclesLeft(CutGraph &CG) {
  std::vector<std::vector<uint32_t>> Out;
  for (auto It = scc_begin(&CG); !It.isAtEnd(); ++It) {
    const std::vector<CutVertex *> &SCC = *It;
    if (SCC.size() == 1 && (SCC[0] == &CG.Root || !SCC[0]->SelfCall))
      continue;
    std::vector<uint32_t> Members;
    for (const CutVertex *V : SCC)
      Members.push_back(V->Member);
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
      for (const CutVertex *V : CG.Vertices[U].Succs)
        if (In[V->Member]) {
          ++Outs[U];
          ++Ins[V->Member];
        }
    uint32_t Best = 0;
    uint64_t BestScore = 0;
    bool Found = false;
    for (uint32_t U : *Target) {
      if (!Choosable(U))
        continue;
      // A member that only calls itself still has to be bounded.
      uint64_t Score = Ins[U] * Outs[U] + CG.Vertices[U].SelfCall;
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
