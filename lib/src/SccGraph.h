//===- SccGraph.h - A graph of numbered vertices for scc_iterator ---------===//
//
// Vertices 0..N-1 with their successors, plus a root that calls every
// vertex, so that one llvm::scc_iterator walk from the root covers the
// whole graph. The call graph (WorstPath.cpp) and a cycle with some of its
// members cut away (CycleCut.cpp) are both walked this way; each builds
// the successors it means.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_SCCGRAPH_H
#define STACKBUDGET_SCCGRAPH_H

#include "llvm/ADT/GraphTraits.h"

#include <cstdint>
#include <vector>

namespace stackbudget {

struct SccVertex {
  uint32_t Id = 0;
  std::vector<SccVertex *> Succs;
};

struct SccGraph {
  std::vector<SccVertex> Vertices;
  SccVertex Root;

  /// N vertices without successors, none reachable from the root yet.
  explicit SccGraph(size_t N) : Vertices(N) {
    for (uint32_t I = 0; I < N; ++I)
      Vertices[I].Id = I;
  }
  // Successors point into Vertices: a move keeps them, a copy would not.
  SccGraph(const SccGraph &) = delete;
  SccGraph(SccGraph &&) = default;
  void addArc(uint32_t From, uint32_t To) {
    Vertices[From].Succs.push_back(&Vertices[To]);
  }
  /// Makes \p V part of the walk.
  void addRoot(uint32_t V) { Root.Succs.push_back(&Vertices[V]); }
};

} // namespace stackbudget

namespace llvm {
template <> struct GraphTraits<stackbudget::SccGraph *> {
  using NodeRef = stackbudget::SccVertex *;
  using ChildIteratorType = std::vector<NodeRef>::iterator;
  static NodeRef getEntryNode(stackbudget::SccGraph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Succs.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Succs.end(); }
};
} // namespace llvm

#endif // STACKBUDGET_SCCGRAPH_H
