//===- CycleCutTest.cpp - Which members to bound so a cycle is bounded ----===//
//
// Whatever suggestCut() picks must cut every cycle (checked with
// findUncutCycle(), which the check itself uses), and must never pick a
// member the caller cannot annotate.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/CycleCut.h"

#include "gtest/gtest.h"

#include <random>

using namespace stackbudget;

namespace {

CycleGraph graphOf(size_t N,
                   std::initializer_list<std::pair<uint32_t, uint32_t>> Arcs) {
  CycleGraph G;
  G.Arcs.resize(N);
  G.Bounds.resize(N);
  for (auto [From, To] : Arcs)
    G.addArc(From, To, 8);
  return G;
}

bool everyCycleCut(CycleGraph G, const CycleCut &C) {
  for (const CutStep &S : C.Steps)
    G.Bounds[S.Member] = 1;
  return findUncutCycle(G).empty();
}

TEST(CycleCutTest, HubOfTwoCyclesIsTheOneCut) {
  // 0 <-> 1 and 1 <-> 2 share 1.
  CycleGraph G = graphOf(3, {{0, 1}, {1, 0}, {1, 2}, {2, 1}});
  CycleCut C = suggestCut(G, [](uint32_t) { return true; });
  ASSERT_EQ(C.Steps.size(), 1u);
  EXPECT_EQ(C.Steps[0].Member, 1u);
  EXPECT_EQ(C.Steps[0].LargestLeft, 0u);
  EXPECT_EQ(C.Uncuttable, 0u);
}

TEST(CycleCutTest, SelfCallIsACycle) {
  // 0 -> 1 -> 1: the ring is gone but 1 still calls itself.
  CycleGraph G = graphOf(2, {{0, 1}, {1, 1}});
  CycleCut C = suggestCut(G, [](uint32_t) { return true; });
  ASSERT_EQ(C.Steps.size(), 1u);
  EXPECT_EQ(C.Steps[0].Member, 1u);
}

TEST(CycleCutTest, ExistingBoundsAreKept) {
  CycleGraph G = graphOf(3, {{0, 1}, {1, 0}, {1, 2}, {2, 1}});
  G.Bounds[1] = 3;
  CycleCut C = suggestCut(G, [](uint32_t) { return true; });
  EXPECT_TRUE(C.Steps.empty());
  EXPECT_EQ(C.Uncuttable, 0u);
}

TEST(CycleCutTest, MembersThatCannotBeChosenAreNot) {
  // 0 -> 1 -> 2 -> 0 with only 2 choosable, and 3 <-> 4 with none.
  CycleGraph G = graphOf(5, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 3}});
  CycleCut C = suggestCut(G, [](uint32_t U) { return U == 2; });
  ASSERT_EQ(C.Steps.size(), 1u);
  EXPECT_EQ(C.Steps[0].Member, 2u);
  EXPECT_EQ(C.Steps[0].LargestLeft, 2u); // 3 <-> 4 is left
  EXPECT_EQ(C.Uncuttable, 2u);
}

TEST(CycleCutTest, RandomGraphsAreCut) {
  std::mt19937 Rng(7);
  for (int Round = 0; Round < 200; ++Round) {
    size_t N = 2 + Rng() % 30;
    CycleGraph G;
    G.Arcs.resize(N);
    G.Bounds.resize(N);
    for (size_t I = 0; I < N * 3; ++I)
      G.addArc(Rng() % N, Rng() % N, 8);
    CycleCut C = suggestCut(G, [](uint32_t) { return true; });
    EXPECT_TRUE(everyCycleCut(G, C)) << "round " << Round;
    EXPECT_EQ(C.Uncuttable, 0u);
    if (!C.Steps.empty())
      EXPECT_EQ(C.Steps.back().LargestLeft, 0u);
  }
}

} // namespace
