//===- CallGraph.h - The whole-program call graph built from facts --------===//
//
// Joins the facts of every translation unit the way a linker would: global
// symbols by name (a strong definition beats weak ones), local symbols only
// inside their own TU, aliases to their aliasee. Every call becomes an edge
// whose weight is what it adds to the stack; what cannot be known (a callee
// without facts, an indirect call with no candidate, an unbounded dynamic
// frame, an asm call to an unreadable target) is recorded as an unknown
// with its reason and location, never as zero.
//
// Indirect calls go to a candidate-set node shared by every call site with
// the same resolution (IndirectResolver.h, TypeMatcher.h). A call through a
// retpoline-style thunk goes to a set node that carries the thunk's own
// bytes. Sharing the set keeps the graph linear in the input size.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CALLGRAPH_H
#define STACKBUDGET_CALLGRAPH_H

#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/Profile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

using NodeId = uint32_t;
constexpr NodeId InvalidNode = ~0u;

enum class NodeKind {
  /// A function with facts.
  Function,
  /// A called (or address-taken) symbol without facts; its frame comes from
  /// the profile or is unknown.
  External,
  /// The candidates of indirect calls of one type (and, for thunk sets, the
  /// thunk the calls go through).
  CandidateSet,
};

enum class UnknownKind {
  /// The callee has no facts and the profile gives no frame.
  NoFacts,
  /// An indirect call whose type matches no address-taken function.
  NoCandidates,
  /// An inline-asm call whose target the recorder could not read.
  AsmTarget,
  /// A call instruction the recorder could not classify.
  UnknownCall,
  /// A variable-sized stack object without a proven bound.
  DynamicFrame,
  /// A cycle without a depth bound.
  Recursion,
  /// A function read from its machine code (RecorderKind::MachineCode)
  /// whose stack the reading could not follow to the end.
  MachineCode,
};

const char *unknownKindName(UnknownKind K);
/// Every UnknownKind, in declaration order (for readers of the spelling).
llvm::ArrayRef<UnknownKind> allUnknownKinds();

/// One reason why a depth is not fully known.
struct UnknownSource {
  UnknownKind Kind = UnknownKind::NoFacts;
  /// The node the unknown belongs to (the caller for call-site unknowns).
  NodeId Node = InvalidNode;
  /// The symbol the unknown is about when it is not Node itself (the callee
  /// without facts is Node; a cycle's members are listed in Message).
  std::string Symbol;
  std::string Message;
  /// Where it is in the source; may be invalid (a symbol without facts has
  /// no source location; reports then point at a call site).
  SourceLoc Loc;
};

enum class EdgeKind { Direct, Indirect, Asm, Candidate };

const char *edgeKindName(EdgeKind K);

struct Edge {
  NodeId To = InvalidNode;
  EdgeKind Kind = EdgeKind::Direct;
  /// A jump that replaces the caller's frame. Candidate edges (set node to
  /// function) are tail edges: the set itself holds no frame.
  bool IsTail = false;
  /// The call site (first one when a function calls the same callee from
  /// several places), CallGraph::callLoc(): its file as an index into the
  /// graph's files, 0 for none. Ten million edges hold only a few thousand
  /// files.
  uint32_t CallFile = 0;
  unsigned CallLine = 0;
  unsigned CallColumn = 0;
};

struct Node {
  NodeKind Kind = NodeKind::Function;
  /// Symbol name; for candidate sets a description ("indirect calls of
  /// signature 0x1234abcd"), for thunk sets the thunk symbol.
  std::string Name;
  /// TU of a function with facts (distinguishes `static` functions).
  std::string TU;
  /// The input the definition came from ("a.a(b.o)"); empty if none.
  std::string Origin;
  Linkage Link = Linkage::Global;
  SourceLoc Loc;
  /// The own activation's bytes, part by part (for a set node: the thunk's
  /// frame; for an external: the profile frame).
  FrameParts Parts;
  /// Own has an unknown part (see UnknownSources with this Node).
  bool OwnUnknown = false;
  /// Who gave the frame of a Function node: a recorder, or the check's
  /// reading of the machine code (MachineCodeFrames.h).
  RecorderKind Recorder = RecorderKind::Machine;
  /// FunctionFacts::ReturnAddressSlot of a Function node.
  std::optional<uint64_t> ReturnAddressSlot;
  /// For CandidateSet nodes: the thunk symbol, if any.
  std::string Via;
  bool AddressTaken = false;
  /// From source attributes: stack_entry("cls") and stack_budget(N).
  std::string EntryClass;
  std::optional<uint64_t> Budget;
};

/// Targets of an indirect call (or of an inline-asm call whose target the
/// recorder could not read) from a resolver that knows more than types:
/// annotations, struct fields, static calls (IndirectResolver.h).
struct ResolvedTargets {
  /// Symbol and, for a `static` function, its TU ("" for global symbols).
  std::vector<std::pair<std::string, std::string>> Targets;
  /// Calls with equal keys share one candidate-set node.
  std::string Key;
  /// How they were resolved ("field 'file_operations::read_iter'").
  std::string Description;
  /// Resolved by type alone (an empty set then reads "no address-taken
  /// candidate").
  bool ByType = false;
  /// The set is empty and the resolver knows the whole program (closed
  /// world): the call has no target, adds nothing and is no unknown; the
  /// graph lists it in noTargetCalls().
  bool NoTargetInProgram = false;
};

/// A call that has no target in the whole program (closed world): no edge,
/// no unknown, listed for the report.
struct NoTargetCall {
  /// The caller.
  NodeId Node = InvalidNode;
  /// "indirect call through field 'ops::cb' has no target in the whole
  /// program".
  std::string Message;
  SourceLoc Loc;
};

/// Called for each call C of Caller with isUnresolvedCall(C) (Indirect, or
/// Asm without a callee); Ordinal counts those calls within Caller from 0.
/// nullopt: the call stays unknown (an asm call nothing resolves; never an
/// indirect call, which type matching always answers). Also
/// called, with the Ordinal of the next unresolved call, for a direct call
/// to a static-call trampoline `__SCT__*` (nullopt: it stays a direct call).
using IndirectResolverFn = std::function<std::optional<ResolvedTargets>(
    const FunctionFacts &Caller, const CallFact &C, unsigned Ordinal)>;

/// Whether the call from Caller to Callee is annotated as infeasible.
using ExclusionFn =
    std::function<bool(const Node &Caller, const Node &Callee)>;

struct CallGraphOptions {
  /// Bytes a call adds besides the callee's frame.
  uint64_t CallOverhead = 8;
  /// Optional; without it indirect calls are resolved by type alone
  /// (IndirectResolver without annotations).
  IndirectResolverFn ResolveIndirect;
  /// Optional; excluded calls get no edge.
  ExclusionFn IsExcluded;
};

class CallGraph {
public:
  /// Builds the graph. Two strong definitions of one global symbol are an
  /// error naming both inputs. Frames for functions without facts come from
  /// \p P.Frames.
  static llvm::Expected<CallGraph> build(const ReadResult &Input,
                                         const Profile &P,
                                         const CallGraphOptions &Opts);

  size_t size() const { return Nodes.size(); }
  const Node &node(NodeId N) const { return Nodes[N]; }
  llvm::ArrayRef<Node> nodes() const { return Nodes; }
  llvm::ArrayRef<Edge> edges(NodeId N) const {
    return llvm::ArrayRef<Edge>(Edges).slice(EdgeBegin[N],
                                             EdgeBegin[N + 1] - EdgeBegin[N]);
  }
  size_t numEdges() const { return Edges.size(); }
  /// Where \p E's call is.
  SourceLoc callLoc(const Edge &E) const {
    return {CallFiles[E.CallFile], E.CallLine, E.CallColumn};
  }
  /// The files Edge::CallFile indexes; the first is the empty one.
  llvm::ArrayRef<std::string> callFiles() const { return CallFiles; }
  llvm::ArrayRef<UnknownSource> unknowns() const { return Unknowns; }
  /// Calls without a target in the whole program, in node order.
  llvm::ArrayRef<NoTargetCall> noTargetCalls() const { return NoTargets; }
  /// Indices into unknowns() that belong to node \p N.
  llvm::ArrayRef<uint32_t> unknownsOf(NodeId N) const {
    return llvm::ArrayRef<uint32_t>(UnknownIdx)
        .slice(UnknownBegin[N], UnknownBegin[N + 1] - UnknownBegin[N]);
  }
  /// Bytes added by a call (the target's return address).
  uint64_t callOverhead() const { return CallOverhead; }
  /// The stack a call from \p From along \p E adds before the callee runs:
  /// the caller's own bytes plus call overhead; 0 for tail and candidate
  /// edges.
  uint64_t edgeWeight(NodeId From, const Edge &E) const;
  /// The global function (or the local one of \p TU first) named \p Name.
  NodeId find(llvm::StringRef Name, llvm::StringRef TU = "") const;
  /// Whether a path may end in \p N (not at a pure candidate set).
  bool canStop(NodeId N) const {
    return Nodes[N].Kind != NodeKind::CandidateSet || Nodes[N].Parts.own() != 0;
  }

  /// Construction from already-resolved parts (used by build() and by unit
  /// tests). Edges are given per node; unknowns name their node; CallFiles
  /// are what the edges' CallFile index (empty: no edge has a file).
  static CallGraph fromParts(std::vector<Node> Nodes,
                             std::vector<std::vector<Edge>> Edges,
                             std::vector<UnknownSource> Unknowns,
                             uint64_t CallOverhead,
                             std::vector<NoTargetCall> NoTargets = {},
                             std::vector<std::string> CallFiles = {});

private:
  std::vector<Node> Nodes;
  std::vector<Edge> Edges;
  std::vector<uint32_t> EdgeBegin;
  std::vector<UnknownSource> Unknowns;
  std::vector<uint32_t> UnknownIdx;
  std::vector<uint32_t> UnknownBegin;
  std::vector<NoTargetCall> NoTargets;
  std::vector<std::string> CallFiles{""};
  uint64_t CallOverhead = 8;
};

} // namespace stackbudget

#endif // STACKBUDGET_CALLGRAPH_H
