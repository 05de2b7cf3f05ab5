//===- SccGraphTest.cpp - Compressed successor rows for scc_iterator ------===//

#include "SccGraph.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"

#include "gtest/gtest.h"

using namespace stackbudget;

namespace {

/// Every component of \p G, each as its sorted vertex ids, the root's left
/// out, sorted.
std::vector<std::vector<uint32_t>> componentsOf(SccGraph &G) {
  std::vector<std::vector<uint32_t>> Out;
  for (auto It = llvm::scc_begin(&G); !It.isAtEnd(); ++It) {
    if (It->size() == 1 && It->front() == G.root())
      continue;
    std::vector<uint32_t> C;
    for (const SccVertex *V : *It)
      C.push_back(V->Id);
    llvm::sort(C);
    Out.push_back(std::move(C));
  }
  llvm::sort(Out);
  return Out;
}

TEST(SccGraphTest, VerticesWithoutArcsBetweenOthersHaveNone) {
  // 0 <-> 1, 2 alone, 3 -> 4: room for one arc more than used.
  SccGraph G(5, 4);
  G.addArc(0, 1);
  G.addArc(1, 0);
  G.addArc(3, 4);
  for (uint32_t V = 0; V < 5; ++V)
    G.addRoot(V);
  ASSERT_EQ(G.successors(0).size(), 1u);
  EXPECT_EQ(G.successors(0)[0]->Id, 1u);
  EXPECT_TRUE(G.successors(2).empty());
  EXPECT_TRUE(G.successors(4).empty());
  EXPECT_EQ(componentsOf(G), (std::vector<std::vector<uint32_t>>{
                                 {0, 1}, {2}, {3}, {4}}));
}

TEST(SccGraphTest, MovedGraphKeepsItsArcs) {
  SccGraph A(3, 3);
  A.addArc(0, 1);
  A.addArc(1, 2);
  A.addArc(2, 0);
  A.addRoot(0);
  SccGraph B = std::move(A);
  EXPECT_EQ(componentsOf(B),
            (std::vector<std::vector<uint32_t>>{{0, 1, 2}}));
}

} // namespace
