//===- CycleBoundTest.cpp - The deepest walk through a bounded cycle -----===//
//
// The exact search against brute-force enumeration of every walk on small
// random cycles, and the closed form against the exact search: a bound
// below the deepest walk is the worst bug this tool can have.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/CycleBound.h"

#include "gtest/gtest.h"

#include <random>

using namespace stackbudget;

namespace {

/// Every walk from the current top \p U, each member's activations counted.
void enumerateWalks(const CycleGraph &G, uint32_t U, uint64_t Bytes,
                    std::vector<uint64_t> &Active,
                    std::vector<uint64_t> &Deepest) {
  Deepest[U] = std::max(Deepest[U], Bytes);
  for (const CycleGraph::Arc &A : G.Arcs[U]) {
    if (G.isBounded(A.To) && Active[A.To] == *G.Bounds[A.To])
      continue;
    ++Active[A.To];
    enumerateWalks(G, A.To, Bytes + A.Weight, Active, Deepest);
    --Active[A.To];
  }
}

std::vector<uint64_t> bruteForce(const CycleGraph &G, uint32_t Entry) {
  std::vector<uint64_t> Active(G.size(), 0), Deepest(G.size(), 0);
  Active[Entry] = 1;
  enumerateWalks(G, Entry, 0, Active, Deepest);
  return Deepest;
}

CycleGraph emptyGraph(size_t N) {
  CycleGraph G;
  G.Arcs.resize(N);
  G.Bounds.resize(N);
  return G;
}

/// A strongly connected graph of 1 to 6 members (a ring in random order
/// plus random arcs, weights 0 to 99 with 0 standing for tail calls), whose
/// random bounds of 1 to 3 are completed until they cut every cycle.
CycleGraph randomCycle(std::mt19937 &Rng) {
  auto Below = [&](uint32_t N) { return uint32_t(Rng() % N); };
  size_t N = 1 + Below(6);
  CycleGraph G = emptyGraph(N);
  std::vector<uint32_t> Ring(N);
  for (uint32_t I = 0; I < N; ++I)
    Ring[I] = I;
  for (uint32_t I = N - 1; I > 0; --I)
    std::swap(Ring[I], Ring[Below(I + 1)]);
  for (uint32_t I = 0; I < N; ++I)
    G.addArc(Ring[I], Ring[(I + 1) % N], Below(100));
  for (uint32_t U = 0; U < N; ++U)
    for (uint32_t V = 0; V < N; ++V)
      if (Below(10) < 3)
        G.addArc(U, V, Below(5) == 0 ? 0 : Below(100));
  for (uint32_t U = 0; U < N; ++U)
    if (Below(3) == 0)
      G.Bounds[U] = 1 + Below(3);
  for (std::vector<uint32_t> C = findUncutCycle(G); !C.empty();
       C = findUncutCycle(G))
    G.Bounds[C[Below(C.size())]] = 1 + Below(3);
  return G;
}

TEST(CycleBoundTest, ExactSearchMatchesEveryWalk) {
  std::mt19937 Rng(12);
  for (int Case = 0; Case < 400; ++Case) {
    CycleGraph G = randomCycle(Rng);
    CycleWalks W = CycleWalks::compute(G, CycleLimits());
    ASSERT_EQ(W.method(), CycleMethod::Exact);
    for (uint32_t E = 0; E < G.size(); ++E) {
      std::vector<uint64_t> Want = bruteForce(G, E);
      for (uint32_t U = 0; U < G.size(); ++U)
        ASSERT_EQ(W.walkBytes(E, U), Want[U])
            << "case " << Case << ", entry " << E << ", exit " << U;
    }
  }
}

TEST(CycleBoundTest, ClosedFormIsAtLeastTheExactSearch) {
  std::mt19937 Rng(12);
  CycleLimits NoSearch;
  NoSearch.MaxMembers = 0;
  for (int Case = 0; Case < 400; ++Case) {
    CycleGraph G = randomCycle(Rng);
    CycleWalks Exact = CycleWalks::compute(G, CycleLimits());
    CycleWalks Closed = CycleWalks::compute(G, NoSearch);
    ASSERT_EQ(Closed.method(), CycleMethod::ClosedForm);
    for (uint32_t E = 0; E < G.size(); ++E)
      for (uint32_t U = 0; U < G.size(); ++U)
        ASSERT_GE(Closed.walkBytes(E, U), Exact.walkBytes(E, U))
            << "case " << Case << ", entry " << E << ", exit " << U;
  }
}

// ping (member 0, bounded 3) calls pong (1, unbounded) and back; a call
// into ping costs pong's 216 + 8, a call into pong ping's 56 + 8.
CycleGraph pingPong() {
  CycleGraph G = emptyGraph(2);
  G.addArc(0, 1, 64);
  G.addArc(1, 0, 224);
  G.Bounds[0] = 3;
  return G;
}

TEST(CycleBoundTest, BoundBelongsToTheFunctionItNames) {
  CycleWalks W = CycleWalks::compute(pingPong(), CycleLimits());
  ASSERT_EQ(W.method(), CycleMethod::Exact);
  // Entered at pong: pong ping pong ping pong ping pong, pong 4 times.
  EXPECT_EQ(W.walkBytes(1, 1), 3u * 224 + 3 * 64);
  // Entered at ping: ping pong ping pong ping pong.
  EXPECT_EQ(W.walkBytes(0, 1), 2u * 224 + 3 * 64);
  EXPECT_EQ(W.walkBytes(0, 0), 2u * 224 + 2 * 64);
}

TEST(CycleBoundTest, ClosedFormHandSum) {
  CycleLimits NoSearch;
  NoSearch.MaxMembers = 0;
  CycleWalks W = CycleWalks::compute(pingPong(), NoSearch);
  ASSERT_EQ(W.method(), CycleMethod::ClosedForm);
  // L(pong) = 224 (into ping), L(ping) = 64 + 224 = 288.
  // From pong: L(pong) + 3 * L(ping) = 1088; left from ping: - L(ping).
  EXPECT_EQ(W.walkBytes(1, 1), 1088u);
  EXPECT_EQ(W.walkBytes(1, 0), 800u);
  // From ping: 3 * L(ping) = 864 (exact: 2 * 224 + 3 * 64 = 640).
  EXPECT_EQ(W.walkBytes(0, 1), 864u);
  EXPECT_EQ(W.walkBytes(0, 0), 576u);
}

TEST(CycleBoundTest, StepLimitFallsBackToTheClosedForm) {
  CycleLimits Tiny;
  Tiny.MaxSteps = 3;
  EXPECT_EQ(CycleWalks::compute(pingPong(), Tiny).method(),
            CycleMethod::ClosedForm);
}

TEST(CycleBoundTest, UncutCycleAvoidsTheBoundedMembers) {
  // a <-> b <-> c, only a bounded: b -> c -> b is not cut.
  CycleGraph G = emptyGraph(3);
  G.addArc(0, 1, 8);
  G.addArc(1, 0, 8);
  G.addArc(1, 2, 8);
  G.addArc(2, 1, 8);
  G.Bounds[0] = 2;
  EXPECT_EQ(findUncutCycle(G), (std::vector<uint32_t>{1, 2}));
  G.Bounds[2] = 1;
  EXPECT_TRUE(findUncutCycle(G).empty());
}

TEST(CycleBoundTest, UnboundedSelfCallIsUncut) {
  CycleGraph G = emptyGraph(1);
  G.addArc(0, 0, 8);
  EXPECT_EQ(findUncutCycle(G), (std::vector<uint32_t>{0}));
}

TEST(CycleBoundTest, HeavierOfTwoCallsToOneCallee) {
  CycleGraph G = emptyGraph(1);
  G.addArc(0, 0, 0);
  G.addArc(0, 0, 40);
  G.Bounds[0] = 2;
  ASSERT_EQ(G.Arcs[0].size(), 1u);
  EXPECT_EQ(CycleWalks::compute(G, CycleLimits()).walkBytes(0, 0), 40u);
}

} // namespace
