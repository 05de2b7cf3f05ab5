//===- SccGraph.h - A graph of numbered vertices for scc_iterator ---------===//
//
// Vertices 0..N-1 with their successors, plus a root that calls every
// vertex, so that one llvm::scc_iterator walk from the root covers the
// whole graph. The call graph (WorstPath.cpp) and a cycle with some of its
// members cut away (CycleCut.cpp) are both walked this way; each builds
// the successors it means.
//
// The successors of all vertices are one array, filled vertex by vertex
// (compressed rows): a million vertices with a vector each were a million
// allocations, and memory the kernel must zero first.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_SCCGRAPH_H
#define STACKBUDGET_SCCGRAPH_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/GraphTraits.h"

#include <cassert>
#include <cstdint>
#include <memory>
#include <vector>

namespace stackbudget {

struct SccVertex {
  uint32_t Id = 0;
  /// The vertex's successors, a range of SccGraph's one array.
  SccVertex *const *Begin = nullptr;
  SccVertex *const *End = nullptr;
};

class SccGraph {
public:
  /// N vertices without successors, none reachable from the root yet, and
  /// room for \p MaxArcs arcs.
  SccGraph(size_t N, size_t MaxArcs)
      : Vertices(N), Arcs(new SccVertex *[MaxArcs]), MaxArcs(MaxArcs) {
    for (uint32_t I = 0; I < N; ++I) {
      Vertices[I].Id = I;
      Vertices[I].Begin = Vertices[I].End = Arcs.get();
    }
  }
  // Successors point into Vertices and Arcs, which a move keeps and a copy
  // would not.
  SccGraph(const SccGraph &) = delete;
  SccGraph(SccGraph &&) = default;

  /// Adds the arc From -> To. Arcs come vertex by vertex: From never
  /// decreases from one call to the next.
  void addArc(uint32_t From, uint32_t To) {
    assert(Used < MaxArcs && "more arcs than the graph has room for");
    assert((!Used || From >= LastFrom) && "arcs out of vertex order");
    SccVertex &V = Vertices[From];
    if (!Used || From != LastFrom)
      V.Begin = Arcs.get() + Used;
    Arcs[Used++] = &Vertices[To];
    V.End = Arcs.get() + Used;
    LastFrom = From;
  }
  /// Makes \p V part of the walk.
  void addRoot(uint32_t V) {
    RootArcs.push_back(&Vertices[V]);
    Root.Begin = RootArcs.data();
    Root.End = RootArcs.data() + RootArcs.size();
  }

  SccVertex *root() { return &Root; }
  llvm::ArrayRef<SccVertex *> successors(uint32_t V) const {
    return llvm::ArrayRef<SccVertex *>(Vertices[V].Begin, Vertices[V].End);
  }

private:
  std::vector<SccVertex> Vertices;
  std::unique_ptr<SccVertex *[]> Arcs;
  [[maybe_unused]] size_t MaxArcs = 0;
  size_t Used = 0;
  uint32_t LastFrom = 0;
  std::vector<SccVertex *> RootArcs;
  SccVertex Root;
};

} // namespace stackbudget

namespace llvm {
template <> struct GraphTraits<stackbudget::SccGraph *> {
  using NodeRef = stackbudget::SccVertex *;
  using ChildIteratorType = stackbudget::SccVertex *const *;
  static NodeRef getEntryNode(stackbudget::SccGraph *G) { return G->root(); }
  static ChildIteratorType child_begin(NodeRef N) { return N->Begin; }
  static ChildIteratorType child_end(NodeRef N) { return N->End; }
};
} // namespace llvm

#endif // STACKBUDGET_SCCGRAPH_H
