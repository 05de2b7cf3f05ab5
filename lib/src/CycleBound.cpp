//===- CycleBound.cpp - The deepest walk through one bounded cycle --------===//

#include "stackbudget/CycleBound.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cassert>
#include <map>

using namespace llvm;

namespace stackbudget {
namespace {

/// A byte count that never reaches NotReached, which marks "no walk".
constexpr uint64_t NotReached = ~uint64_t(0);
constexpr uint64_t MaxBytes = NotReached - 1;

uint64_t add(uint64_t A, uint64_t B) {
  return std::min(SaturatingAdd(A, B), MaxBytes);
}

uint64_t multiply(uint64_t A, uint64_t B) {
  return std::min(SaturatingMultiply(A, B), MaxBytes);
}

/// NotReached counts as less than any byte count.
void raise(uint64_t &Slot, uint64_t V) {
  if (Slot == NotReached || V > Slot)
    Slot = V;
}

/// A depth-first walk over the unbounded members: the first cycle among
/// them (in call order) if there is one, else nothing, with \p PostOrder
/// (optional) the members in post-order.
std::vector<uint32_t> walkUnbounded(const CycleGraph &G,
                                    std::vector<uint32_t> *PostOrder) {
  enum Color : uint8_t { White, Grey, Black };
  std::vector<Color> Colors(G.size(), White);
  // (member, next arc) of every grey member.
  std::vector<std::pair<uint32_t, size_t>> Stack;
  for (uint32_t Root = 0; Root < G.size(); ++Root) {
    if (G.isBounded(Root) || Colors[Root] != White)
      continue;
    Colors[Root] = Grey;
    Stack.push_back({Root, 0});
    while (!Stack.empty()) {
      auto &[U, Next] = Stack.back();
      if (Next == G.Arcs[U].size()) {
        Colors[U] = Black;
        if (PostOrder)
          PostOrder->push_back(U);
        Stack.pop_back();
        continue;
      }
      uint32_t V = G.Arcs[U][Next++].To;
      if (G.isBounded(V) || Colors[V] == Black)
        continue;
      if (Colors[V] == White) {
        Colors[V] = Grey;
        Stack.push_back({V, 0});
        continue;
      }
      // V is on the stack: the stack from V up to U is the cycle.
      std::vector<uint32_t> Cycle;
      auto From = find_if(Stack, [&](const auto &S) { return S.first == V; });
      for (auto It = From; It != Stack.end(); ++It)
        Cycle.push_back(It->first);
      return Cycle;
    }
  }
  return {};
}

/// The unbounded members, every arc between two of them going forward
/// (they form no cycle: the caller checked findUncutCycle()).
std::vector<uint32_t> unboundedInCallOrder(const CycleGraph &G) {
  std::vector<uint32_t> PostOrder;
  [[maybe_unused]] std::vector<uint32_t> Cycle = walkUnbounded(G, &PostOrder);
  assert(Cycle.empty() && "the bounds must cut every cycle");
  std::reverse(PostOrder.begin(), PostOrder.end());
  return PostOrder;
}

/// The exact search: a longest path over states (member on top, how often
/// each bounded member is active). A call into a bounded member moves to
/// the next level (one more activation); calls into unbounded members stay
/// on the level and, visited in call order, are relaxed in one sweep.
class ExactSearch {
public:
  ExactSearch(const CycleGraph &G, uint64_t MaxSteps)
      : G(G), StepsLeft(MaxSteps), Slot(G.size(), NoSlot) {
    for (uint32_t U = 0; U < G.size(); ++U)
      if (G.isBounded(U)) {
        Slot[U] = Bounded++;
        Order.push_back(U);
      }
    append_range(Order, unboundedInCallOrder(G));
  }

  /// Into \p Best (G.size() entries): the deepest walk from \p Entry to
  /// each member. False when the step budget runs out.
  bool fromEntry(uint32_t Entry, MutableArrayRef<uint64_t> Best) {
    using Counts = std::vector<uint64_t>;
    std::map<Counts, std::vector<uint64_t>> Level, Next;
    Counts Start(Bounded, 0);
    if (Slot[Entry] != NoSlot)
      Start[Slot[Entry]] = 1;
    Level[Start].assign(G.size(), NotReached);
    Level[Start][Entry] = 0;
    while (!Level.empty()) {
      for (auto &[C, Reach] : Level) {
        if (!spend(G.size()))
          return false;
        for (uint32_t X : Order) {
          if (Reach[X] == NotReached)
            continue;
          raise(Best[X], Reach[X]);
          for (const CycleGraph::Arc &A : G.Arcs[X]) {
            if (!spend(1))
              return false;
            uint64_t V = add(Reach[X], A.Weight);
            uint32_t S = Slot[A.To];
            if (S == NoSlot) {
              raise(Reach[A.To], V);
              continue;
            }
            if (C[S] >= *G.Bounds[A.To])
              continue;
            Counts More = C;
            ++More[S];
            auto [It, New] = Next.try_emplace(std::move(More));
            // A new state costs its memory too, which bounds the memory of
            // the search by its steps.
            if (New && !spend(StateCost + G.size() + Bounded))
              return false;
            if (New)
              It->second.assign(G.size(), NotReached);
            raise(It->second[A.To], V);
          }
        }
      }
      Level.swap(Next);
      Next.clear();
    }
    return true;
  }

private:
  static constexpr uint32_t NoSlot = ~0u;
  /// Steps for the bookkeeping of a new state besides its two arrays.
  static constexpr uint64_t StateCost = 8;
  const CycleGraph &G;
  uint64_t StepsLeft;
  /// Per member: its index among the bounded members, or NoSlot.
  std::vector<uint32_t> Slot;
  uint32_t Bounded = 0;
  /// Bounded members, then the unbounded ones in call order.
  std::vector<uint32_t> Order;

  bool spend(uint64_t Steps) {
    if (Steps > StepsLeft)
      return false;
    StepsLeft -= Steps;
    return true;
  }
};

} // namespace

void CycleGraph::addArc(uint32_t From, uint32_t To, uint64_t Weight) {
  for (Arc &A : Arcs[From])
    if (A.To == To) {
      A.Weight = std::max(A.Weight, Weight);
      return;
    }
  Arcs[From].push_back({To, Weight});
}

std::vector<uint32_t> findUncutCycle(const CycleGraph &G) {
  return walkUnbounded(G, nullptr);
}

StringRef cycleMethodName(CycleMethod M) {
  return M == CycleMethod::Exact ? "exact" : "closed-form";
}

ArrayRef<CycleMethod> allCycleMethods() {
  static const CycleMethod All[] = {CycleMethod::Exact,
                                    CycleMethod::ClosedForm};
  return All;
}

CycleWalks CycleWalks::compute(const CycleGraph &G, const CycleLimits &Limits) {
  assert(findUncutCycle(G).empty() && "the bounds must cut every cycle");
  CycleWalks W;
  W.Size = G.size();
  if (G.size() <= Limits.MaxMembers) {
    ExactSearch Search(G, Limits.MaxSteps);
    W.Exact.assign(G.size() * G.size(), NotReached);
    bool Done = true;
    for (uint32_t E = 0; E < G.size() && Done; ++E)
      Done = Search.fromEntry(
          E, MutableArrayRef<uint64_t>(W.Exact).slice(E * G.size(), G.size()));
    if (Done) {
      W.Method = CycleMethod::Exact;
      // In a strongly connected component every member is reached.
      for (uint64_t &B : W.Exact)
        if (B == NotReached)
          B = 0;
      return W;
    }
    W.Exact.clear();
  }

  // L(x), unbounded members last-called first, then the bounded ones.
  std::vector<uint64_t> L(G.size(), 0);
  auto Piece = [&](uint32_t X) {
    for (const CycleGraph::Arc &A : G.Arcs[X])
      L[X] = std::max(L[X], add(A.Weight, G.isBounded(A.To) ? 0 : L[A.To]));
  };
  std::vector<uint32_t> Unbounded = unboundedInCallOrder(G);
  for (uint32_t X : reverse(Unbounded))
    Piece(X);
  uint64_t Pieces = 0;
  for (uint32_t F = 0; F < G.size(); ++F)
    if (G.isBounded(F)) {
      Piece(F);
      Pieces = add(Pieces, multiply(*G.Bounds[F], L[F]));
    }
  W.Method = CycleMethod::ClosedForm;
  W.PerEntry.resize(G.size());
  W.LastPiece.resize(G.size());
  for (uint32_t U = 0; U < G.size(); ++U) {
    W.PerEntry[U] = G.isBounded(U) ? Pieces : add(Pieces, L[U]);
    W.LastPiece[U] = G.isBounded(U) ? L[U] : 0;
  }
  return W;
}

uint64_t CycleWalks::walkBytes(uint32_t Entry, uint32_t Exit) const {
  assert(Entry < Size && Exit < Size && "not a member");
  if (Method == CycleMethod::Exact)
    return Exact[Entry * Size + Exit];
  // A saturated bound stays saturated; else PerEntry >= b(u) * L(u).
  if (PerEntry[Entry] == MaxBytes)
    return MaxBytes;
  return PerEntry[Entry] - LastPiece[Exit];
}

} // namespace stackbudget
