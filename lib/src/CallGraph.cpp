//===- CallGraph.cpp - Join the facts of a program into one call graph ----===//

#include "stackbudget/CallGraph.h"
#include "stackbudget/IndirectResolver.h"
#include "stackbudget/ParallelWork.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace stackbudget {

const char *unknownKindName(UnknownKind K) {
  switch (K) {
  case UnknownKind::NoFacts:
    return "no-facts";
  case UnknownKind::NoCandidates:
    return "no-candidates";
  case UnknownKind::AsmTarget:
    return "asm-target";
  case UnknownKind::UnknownCall:
    return "unknown-call";
  case UnknownKind::DynamicFrame:
    return "dynamic-frame";
  case UnknownKind::Recursion:
    return "recursion";
  case UnknownKind::MachineCode:
    return "machine-code";
  }
  llvm_unreachable("bad unknown kind");
}

ArrayRef<UnknownKind> allUnknownKinds() {
  static const UnknownKind All[] = {
      UnknownKind::NoFacts,      UnknownKind::NoCandidates,
      UnknownKind::AsmTarget,    UnknownKind::UnknownCall,
      UnknownKind::DynamicFrame, UnknownKind::Recursion,
      UnknownKind::MachineCode};
  return All;
}

const char *edgeKindName(EdgeKind K) {
  switch (K) {
  case EdgeKind::Direct:
    return "direct";
  case EdgeKind::Indirect:
    return "indirect";
  case EdgeKind::Asm:
    return "asm";
  case EdgeKind::Candidate:
    return "candidate";
  }
  llvm_unreachable("bad edge kind");
}

uint64_t CallGraph::edgeWeight(NodeId From, const Edge &E) const {
  if (E.IsTail)
    return 0;
  const FrameParts &P = Nodes[From].Parts;
  return (E.Kind == EdgeKind::Asm ? P.own() : P.liveAcrossCall()) +
         CallOverhead;
}

/// The key of a local symbol: its TU and name, built in \p Buf (a lookup
/// per call of the program must not allocate).
static StringRef localKey(StringRef TU, StringRef Name,
                          SmallVectorImpl<char> &Buf) {
  Buf.clear();
  Buf.append(TU.begin(), TU.end());
  Buf.push_back('\0');
  Buf.append(Name.begin(), Name.end());
  return StringRef(Buf.data(), Buf.size());
}

NodeId CallGraph::find(StringRef Name, StringRef TU) const {
  for (NodeId N = 0; N < Nodes.size(); ++N) {
    const Node &X = Nodes[N];
    if (X.Kind == NodeKind::CandidateSet || X.Name != Name)
      continue;
    if (X.Link == Linkage::Local && X.TU != TU)
      continue;
    return N;
  }
  return InvalidNode;
}

CallGraph CallGraph::fromParts(std::vector<Node> NodesIn,
                               std::vector<std::vector<Edge>> EdgesIn,
                               std::vector<UnknownSource> UnknownsIn,
                               uint64_t Overhead,
                               std::vector<NoTargetCall> NoTargetsIn,
                               std::vector<std::string> CallFilesIn) {
  CallGraph G;
  G.Nodes = std::move(NodesIn);
  if (!CallFilesIn.empty())
    G.CallFiles = std::move(CallFilesIn);
  G.CallOverhead = Overhead;
  G.NoTargets = std::move(NoTargetsIn);
  G.EdgeBegin.reserve(G.Nodes.size() + 1);
  size_t EdgeCount = 0;
  for (const std::vector<Edge> &Out : EdgesIn)
    EdgeCount += Out.size();
  G.Edges.reserve(EdgeCount);
  for (NodeId N = 0; N < G.Nodes.size(); ++N) {
    G.EdgeBegin.push_back(G.Edges.size());
    if (N < EdgesIn.size()) {
      G.Edges.insert(G.Edges.end(), std::make_move_iterator(EdgesIn[N].begin()),
                     std::make_move_iterator(EdgesIn[N].end()));
      std::vector<Edge>().swap(EdgesIn[N]);
    }
  }
  G.EdgeBegin.push_back(G.Edges.size());
  G.Unknowns = std::move(UnknownsIn);
  std::vector<std::vector<uint32_t>> Per(G.Nodes.size());
  for (uint32_t I = 0; I < G.Unknowns.size(); ++I)
    Per[G.Unknowns[I].Node].push_back(I);
  for (auto &V : Per) {
    G.UnknownBegin.push_back(G.UnknownIdx.size());
    append_range(G.UnknownIdx, V);
  }
  G.UnknownBegin.push_back(G.UnknownIdx.size());
  return G;
}

namespace {

class GraphBuilder {
public:
  GraphBuilder(const ReadResult &In, const Profile &P,
               const CallGraphOptions &Opts)
      : In(In), P(P), Opts(Opts) {}

  Expected<CallGraph> build();

private:
  const ReadResult &In;
  const Profile &P;
  const CallGraphOptions &Opts;

  std::vector<Node> Nodes;
  std::vector<std::vector<Edge>> Edges;
  std::vector<UnknownSource> Unknowns;
  std::vector<NoTargetCall> NoTargets;
  /// Winning definition of each global symbol.
  StringMap<NodeId> Globals;
  /// Local symbols, keyed by localKey(TU, name), per input object.
  std::vector<StringMap<NodeId>> Locals;
  StringMap<std::string> DefinedWithoutFacts;
  /// Labels inside code (ObjectInventory::CodeLabels), by the object.
  StringMap<std::string> CodeLabels;
  /// Callees of `call __fentry__` (CallOrigin::Fentry). With dynamic ftrace
  /// the kernel patches each such call at run time, into a call of the
  /// ftrace trampoline and the tracers while tracing is on: the hook's own
  /// machine code (a `ret`) is not what runs then, so it is never read and
  /// only a profile frame bounds it.
  StringSet<> FentryHooks;
  std::map<std::string, NodeId> SetCache;
  /// The functions in the graph, with their input, in input order.
  struct DefinedFunction {
    size_t Obj;
    const FunctionFacts *F;
    NodeId Id;
  };
  std::vector<DefinedFunction> Defined;

  /// Each call site's file once (Edge::CallFile); the first is none.
  std::vector<std::string> CallFiles{""};
  StringMap<uint32_t> CallFileIds;
  uint32_t LastCallFile = 0;

  Edge edgeTo(NodeId To, EdgeKind Kind, bool IsTail, const SourceLoc &At) {
    Edge E{To, Kind, IsTail};
    if (!At.File.empty()) {
      // A function's calls are mostly in one file: compare before hashing.
      if (At.File != CallFiles[LastCallFile]) {
        auto [It, New] = CallFileIds.try_emplace(At.File, CallFiles.size());
        if (New)
          CallFiles.push_back(At.File);
        LastCallFile = It->second;
      }
      E.CallFile = LastCallFile;
    }
    E.CallLine = At.Line;
    E.CallColumn = At.Column;
    return E;
  }

  NodeId addNode(Node N) {
    Nodes.push_back(std::move(N));
    Edges.emplace_back();
    return Nodes.size() - 1;
  }
  void addUnknown(UnknownKind K, NodeId N, std::string Symbol,
                  std::string Msg, SourceLoc Loc) {
    // Only these make the node's own bytes unknown; the others are calls
    // whose target is unknown.
    if (K == UnknownKind::NoFacts || K == UnknownKind::DynamicFrame ||
        K == UnknownKind::MachineCode)
      Nodes[N].OwnUnknown = true;
    Unknowns.push_back({K, N, std::move(Symbol), std::move(Msg),
                        std::move(Loc)});
  }
  Error defineGlobals();
  void defineAliases();
  NodeId resolve(size_t Obj, StringRef TU, StringRef Name);
  /// What resolve() gives when the symbol is already a node, else
  /// InvalidNode; it changes nothing, so threads may call it.
  NodeId findResolved(size_t Obj, StringRef TU, StringRef Name,
                      SmallVectorImpl<char> &Buf) const;
  /// findResolved() of every direct call's callee, on threads: a whole
  /// kernel has 10^7 such lookups (ParallelWork.h).
  void findDirectCallees();
  /// Per function of Defined, per call: the callee's node or InvalidNode;
  /// empty without threads.
  std::vector<std::vector<NodeId>> DirectCallees;
  NodeId external(StringRef Name);
  const KnownFrame *knownFrame(StringRef Name) const;
  /// The profile's frames, each pattern compiled once (the profile reader
  /// has rejected a malformed one).
  std::vector<std::pair<GlobPattern, const KnownFrame *>> FramePatterns;
  void collectAddressTaken();
  /// Every local function by localKey(TU, name), whatever its input.
  StringMap<NodeId> AllLocals;
  SmallString<128> KeyBuf;
  NodeId lookupTarget(StringRef Name, StringRef TU);
  NodeId candidateSet(NodeId Caller, std::vector<NodeId> Targets,
                      std::string Key, StringRef Desc, StringRef Via);
  void addCalls(size_t Obj, const FunctionFacts &F, NodeId From,
                ArrayRef<NodeId> Found);
  IndirectResolverFn Resolve;
  CallGraph finish();
};

const KnownFrame *GraphBuilder::knownFrame(StringRef Name) const {
  for (const auto &[Pattern, K] : FramePatterns)
    if (Pattern.match(Name))
      return K;
  return nullptr;
}

static Node functionNode(const FunctionFacts &F, StringRef Origin) {
  Node N;
  N.Kind = NodeKind::Function;
  N.Name = F.Name;
  N.TU = F.TU;
  N.Origin = Origin.str();
  N.Link = F.Link;
  N.Loc = F.Loc;
  N.Parts = F.Parts;
  N.AddressTaken = F.AddressTaken;
  N.EntryClass = F.EntryClass;
  N.Budget = F.Budget;
  N.Recorder = F.Recorder;
  N.ReturnAddressSlot = F.ReturnAddressSlot;
  return N;
}

Error GraphBuilder::defineGlobals() {
  // Which definition of each global symbol wins: the first strong one; a
  // weak one only if there is no strong one (then the first weak one, as
  // the linker keeps the first it sees).
  struct Winner {
    size_t Obj;
    const FunctionFacts *F;
    /// The symbol's entry in Globals, which gets the winner's node.
    StringMapEntry<NodeId> *Entry;
  };
  // A function read from machine code whose stack use the profile gives
  // is left out: the profile's frame (its whole use, calls included) wins
  // over the reading, where facts win over the profile (external()).
  auto Overridden = [&](const FunctionFacts &F) {
    return F.Recorder == RecorderKind::MachineCode &&
           (knownFrame(F.Name) || FentryHooks.contains(F.Name));
  };
  // Globals holds each symbol's winner (an index into Winners) until the
  // nodes are made: one hash per definition for a million of them.
  std::vector<Winner> Winners;
  /// Per global definition, in input order: its symbol's winner.
  std::vector<uint32_t> WinnerOf;
  for (size_t O = 0; O < In.Objects.size(); ++O)
    for (const FunctionFacts &F : In.Objects[O].Functions) {
      if (F.Link == Linkage::Local || Overridden(F))
        continue;
      auto [It, New] = Globals.try_emplace(F.Name, Winners.size());
      if (New) {
        WinnerOf.push_back(Winners.size());
        Winners.push_back({O, &F, &*It});
        continue;
      }
      WinnerOf.push_back(It->second);
      Winner &W = Winners[It->second];
      bool OldStrong = W.F->Link == Linkage::Global;
      bool NewStrong = F.Link == Linkage::Global;
      if (OldStrong && NewStrong)
        return createStringError(
            inconvertibleErrorCode(),
            "duplicate symbol '" + F.Name + "': strong definitions in " +
                In.Objects[W.Obj].Origin + " (" + W.F->TU + ") and in " +
                In.Objects[O].Origin + " (" + F.TU + ")");
      if (NewStrong) {
        W.Obj = O;
        W.F = &F;
      }
    }

  // Most nodes are the functions, known here; externals and candidate
  // sets come later, a quarter more is room for them.
  size_t Functions = 0;
  for (const ObjectFacts &O : In.Objects)
    Functions += O.Functions.size();
  Nodes.reserve(Functions + Functions / 4);
  Edges.reserve(Functions + Functions / 4);
  Locals.resize(In.Objects.size());
  size_t NextGlobal = 0;
  for (size_t O = 0; O < In.Objects.size(); ++O)
    for (const FunctionFacts &F : In.Objects[O].Functions) {
      if (Overridden(F))
        continue;
      if (F.Link == Linkage::Local) {
        NodeId N = addNode(functionNode(F, In.Objects[O].Origin));
        StringRef Key = localKey(F.TU, F.Name, KeyBuf);
        Locals[O][Key] = N;
        AllLocals.try_emplace(Key, N);
        Defined.push_back({O, &F, N});
        continue;
      }
      const Winner &W = Winners[WinnerOf[NextGlobal++]];
      if (W.F != &F)
        continue; // a weak definition another one overrides
      NodeId N = addNode(functionNode(F, In.Objects[O].Origin));
      W.Entry->second = N;
      Defined.push_back({O, &F, N});
    }
  return Error::success();
}

void GraphBuilder::defineAliases() {
  for (size_t O = 0; O < In.Objects.size(); ++O)
    for (const ModuleFacts &M : In.Objects[O].Modules)
      for (const AliasFact &A : M.Aliases) {
        auto LocalIt = Locals[O].find(localKey(M.TU, A.Aliasee, KeyBuf));
        NodeId Target = LocalIt != Locals[O].end() ? LocalIt->second
                                                    : Globals.lookup(A.Aliasee);
        if (LocalIt == Locals[O].end() && !Globals.count(A.Aliasee))
          continue; // an alias of data, or of a function without facts
        if (A.Link == Linkage::Local)
          Locals[O][localKey(M.TU, A.Name, KeyBuf)] = Target;
        else if (!Globals.count(A.Name) || A.Link == Linkage::Global)
          Globals[A.Name] = Target;
      }
}

NodeId GraphBuilder::external(StringRef Name) {
  auto It = Globals.find(Name);
  if (It != Globals.end())
    return It->second;
  Node N;
  N.Kind = NodeKind::External;
  N.Name = Name.str();
  auto Def = DefinedWithoutFacts.find(Name);
  if (Def != DefinedWithoutFacts.end())
    N.Origin = Def->second;
  const KnownFrame *K = knownFrame(Name);
  if (K)
    N.Parts.Frame = K->Frame;
  NodeId Id = addNode(std::move(N));
  Globals[Name] = Id;
  if (!K) {
    std::string Msg =
        FentryHooks.contains(Name)
            ? "the entry hook '" + Name.str() +
                  "' (-pg -mfentry, -fpatchable-function-entry) is patched "
                  "at run time (ftrace): what runs there while tracing is "
                  "not its machine code, and the profile gives no frame"
        : Def != DefinedWithoutFacts.end()
            ? "'" + Name.str() + "' is defined in " + Def->second +
                  " without facts (assembly?) and the profile gives no frame"
        : CodeLabels.count(Name)
            ? "'" + Name.str() + "' is a label inside code in " +
                  CodeLabels.lookup(Name) +
                  " (a symbol of no type and no size), not a function: "
                  "what runs from there is the rest of other code, and the "
                  "profile gives no frame"
            : "'" + Name.str() +
                  "' is not defined in the inputs and the profile gives no "
                  "frame";
    addUnknown(UnknownKind::NoFacts, Id, "", std::move(Msg), SourceLoc());
  }
  return Id;
}

NodeId GraphBuilder::resolve(size_t Obj, StringRef TU, StringRef Name) {
  NodeId Found = findResolved(Obj, TU, Name, KeyBuf);
  return Found != InvalidNode ? Found : external(Name);
}

/// The TU a direct call's callee is looked up in: its own when the call
/// names one (a static function of another TU), else the caller's.
static StringRef calleeTUOf(const FunctionFacts &F, const CallFact &C) {
  StringRef TU = C.details().CalleeTU;
  return TU.empty() ? StringRef(F.TU) : TU;
}

NodeId GraphBuilder::findResolved(size_t Obj, StringRef TU, StringRef Name,
                                  SmallVectorImpl<char> &Buf) const {
  const StringMap<NodeId> &ObjLocals = Locals[Obj];
  if (!ObjLocals.empty()) {
    auto Local = ObjLocals.find(localKey(TU, Name, Buf));
    if (Local != ObjLocals.end())
      return Local->second;
  }
  auto Global = Globals.find(Name);
  return Global == Globals.end() ? InvalidNode : Global->second;
}

void GraphBuilder::findDirectCallees() {
  // On one thread addCalls() looks them up as it goes: no second pass.
  if (!parallelWorkEnabled())
    return;
  DirectCallees.resize(Defined.size());
  forEachItem(Defined.size(), [&](size_t I) {
    const DefinedFunction &D = Defined[I];
    SmallString<128> Buf;
    std::vector<NodeId> &Found = DirectCallees[I];
    Found.reserve(D.F->Calls.size());
    for (const CallFact &C : D.F->Calls) {
      bool Direct = (C.Kind == CallKind::Direct || C.Kind == CallKind::Asm) &&
                    !C.Callee.empty();
      Found.push_back(Direct ? findResolved(D.Obj, calleeTUOf(*D.F, C),
                                            C.Callee, Buf)
                             : InvalidNode);
    }
  });
}

void GraphBuilder::collectAddressTaken() {
  for (size_t O = 0; O < In.Objects.size(); ++O) {
    for (const FunctionFacts &F : In.Objects[O].Functions)
      if (F.AddressTaken)
        Nodes[resolve(O, F.TU, F.Name)].AddressTaken = true;
    for (const ModuleFacts &M : In.Objects[O].Modules)
      for (const AddressTakenDecl &D : M.AddressTakenDecls)
        Nodes[resolve(O, M.TU, D.Name)].AddressTaken = true;
  }
}

NodeId GraphBuilder::lookupTarget(StringRef Name, StringRef TU) {
  if (!TU.empty()) {
    auto It = AllLocals.find(localKey(TU, Name, KeyBuf));
    if (It != AllLocals.end())
      return It->second;
  }
  return external(Name);
}

/// The candidate-set node for \p Targets of a call from \p Caller; calls
/// with the same key (and thunk) share it. InvalidNode when there is no
/// target left.
NodeId GraphBuilder::candidateSet(NodeId Caller, std::vector<NodeId> Targets,
                                  std::string Key, StringRef Desc,
                                  StringRef Via) {
  llvm::sort(Targets);
  Targets.erase(std::unique(Targets.begin(), Targets.end()), Targets.end());
  if (Opts.IsExcluded) {
    size_t Before = Targets.size();
    llvm::erase_if(Targets, [&](NodeId T) {
      return Opts.IsExcluded(Nodes[Caller], Nodes[T]);
    });
    // The set is no longer the one other callers share.
    if (Targets.size() != Before)
      Key += " excluded-for " + std::to_string(Caller);
  }
  if (Targets.empty())
    return InvalidNode;
  Key += " via " + Via.str();
  auto Cached = SetCache.find(Key);
  if (Cached != SetCache.end())
    return Cached->second;

  Node N;
  N.Kind = NodeKind::CandidateSet;
  N.Name = ("indirect call targets of " + Desc).str();
  if (!Via.empty()) {
    N.Via = Via.str();
    // A retpoline pushes a return address of its own before it jumps to
    // the target; lighter thunks (lfence; jmp) push nothing. Without a
    // profile frame the heavier one is assumed.
    const KnownFrame *K = knownFrame(Via);
    N.Parts.Frame = K ? K->Frame : Opts.CallOverhead;
  }
  NodeId Id = addNode(std::move(N));
  for (NodeId T : Targets)
    Edges[Id].push_back(Edge{T, EdgeKind::Candidate, /*IsTail=*/true});
  return SetCache[Key] = Id;
}

void GraphBuilder::addCalls(size_t Obj, const FunctionFacts &F,
                            NodeId From, ArrayRef<NodeId> Found) {
  Edges[From].reserve(F.Calls.size());
  unsigned Ordinal = 0;
  for (auto [CallIndex, C] : enumerate(F.Calls)) {
    const CallDetails &D = C.details();
    bool Unresolved = C.Kind == CallKind::Indirect ||
                      (C.Kind == CallKind::Asm && C.Callee.empty());
    std::optional<ResolvedTargets> Resolved;
    // A direct call to a kernel static-call trampoline (__SCT__name) goes
    // wherever the key was set; the resolver may know (indirect-calls.md).
    bool StaticCall = C.Kind == CallKind::Direct &&
                      StringRef(C.Callee).starts_with("__SCT__");
    if (Unresolved || StaticCall)
      Resolved = Resolve(F, C, Ordinal);
    Ordinal += Unresolved;

    if (Resolved) {
      std::vector<NodeId> Targets;
      for (const auto &[Name, TU] : Resolved->Targets)
        Targets.push_back(lookupTarget(Name, TU));
      NodeId Set =
          candidateSet(From, std::move(Targets), "resolved " + Resolved->Key,
                       Resolved->Description, D.Via);
      if (Set != InvalidNode) {
        // An indirect call read from machine code is no inline asm.
        bool InlineAsm = C.Kind == CallKind::Asm &&
                         F.Recorder != RecorderKind::MachineCode;
        Edges[From].push_back(edgeTo(
            Set, InlineAsm ? EdgeKind::Asm : EdgeKind::Indirect, C.IsTail,
            C.Loc));
        continue;
      }
      std::string Msg = "indirect call";
      if (Resolved->ByType) {
        if (!D.Via.empty())
          Msg += " through '" + D.Via + "'";
        Msg += " of " + Resolved->Description;
      } else {
        Msg += " resolved by " + Resolved->Description;
      }
      if (Resolved->NoTargetInProgram)
        Msg += " has no target in the whole program";
      else
        Msg += Resolved->ByType ? " has no address-taken candidate"
                                : " has no target left";
      if (Resolved->ByType && !D.Reason.empty())
        Msg += " (" + D.Reason + ")";
      // Excluded targets leave an unknown even in a closed world: the set
      // was not empty.
      if (Resolved->NoTargetInProgram)
        NoTargets.push_back({From, std::move(Msg), C.Loc});
      else
        addUnknown(UnknownKind::NoCandidates, From, "", std::move(Msg),
                   C.Loc);
      continue;
    }

    switch (C.Kind) {
    case CallKind::Direct:
    case CallKind::Asm:
      if (C.Callee.empty()) {
        addUnknown(UnknownKind::AsmTarget, From, "",
                   D.Reason.empty() ? "inline asm calls a target the "
                                      "recorder cannot read"
                                    : D.Reason,
                   C.Loc);
        break;
      }
      {
        // Nodes only grow, so what was found before the calls stands; a
        // callee that is none yet becomes an external. resolve() may add a
        // node (and grow Edges): call it first.
        NodeId To = Found.empty() ? InvalidNode : Found[CallIndex];
        if (To == InvalidNode)
          To = resolve(Obj, calleeTUOf(F, C), C.Callee);
        if (Opts.IsExcluded && Opts.IsExcluded(Nodes[From], Nodes[To]))
          break;
        Edges[From].push_back(edgeTo(
            To, C.Kind == CallKind::Asm ? EdgeKind::Asm : EdgeKind::Direct,
            C.IsTail, C.Loc));
      }
      break;
    case CallKind::Indirect:
      // The resolver answers every indirect call (by type at the least).
      llvm_unreachable("indirect call without a resolution");
    case CallKind::Unknown:
      addUnknown(UnknownKind::UnknownCall, From, "",
                 D.Reason.empty() ? "a call the recorder could not classify"
                                  : D.Reason,
                 C.Loc);
      break;
    }
  }
}

/// Gives each of \p Items (with a Node) its node's new number and orders
/// them by it, in input order within a node.
template <typename T>
static void renumberInNodeOrder(std::vector<T> &Items,
                                ArrayRef<NodeId> NewId) {
  std::vector<std::vector<T>> PerNode(NewId.size());
  for (T &X : Items) {
    X.Node = NewId[X.Node];
    PerNode[X.Node].push_back(std::move(X));
  }
  Items.clear();
  for (std::vector<T> &V : PerNode)
    for (T &X : V)
      Items.push_back(std::move(X));
}

CallGraph GraphBuilder::finish() {
  // Number nodes by name, so that ties between equal depths break the same
  // way whatever the order of the inputs: functions and externals first,
  // then candidate sets.
  auto Rank = [&](NodeId N) {
    const Node &X = Nodes[N];
    return std::make_tuple(X.Kind == NodeKind::CandidateSet, StringRef(X.Name),
                           StringRef(X.TU), StringRef(X.Via),
                           StringRef(X.Origin), N);
  };
  // A name's first eight bytes, big-endian and zero-padded, order names as
  // their comparison does, so that most comparisons of a million nodes do
  // not reach the nodes' strings; equal heads fall back to Rank.
  struct SortKey {
    bool IsSet;
    uint64_t Head;
    NodeId N;
  };
  std::vector<SortKey> Keys(Nodes.size());
  for (NodeId I = 0; I < Nodes.size(); ++I) {
    StringRef Name = Nodes[I].Name;
    uint64_t Head = 0;
    for (size_t K = 0; K < 8; ++K)
      Head = Head << 8 | (K < Name.size() ? uint8_t(Name[K]) : 0);
    Keys[I] = {Nodes[I].Kind == NodeKind::CandidateSet, Head, I};
  }
  sortItems(Keys, [&](const SortKey &A, const SortKey &B) {
    if (A.IsSet != B.IsSet || A.Head != B.Head)
      return std::tie(A.IsSet, A.Head) < std::tie(B.IsSet, B.Head);
    return Rank(A.N) < Rank(B.N);
  });
  std::vector<NodeId> NewId(Nodes.size());
  for (NodeId I = 0; I < Keys.size(); ++I)
    NewId[Keys[I].N] = I;
  std::vector<SortKey>().swap(Keys);
  // Unknowns (and calls without a target) are numbered in node order, so
  // that their indices do not depend on the order of the inputs either.
  renumberInNodeOrder(Unknowns, NewId);
  renumberInNodeOrder(NoTargets, NewId);

  // Each node's edges are its own: they are renumbered and made one per
  // callee in place, on threads. A call beats a tail call (it adds more),
  // and the first call site of that kind is kept.
  forEachItem(Edges.size(), [&](size_t Old) {
    std::vector<Edge> &Out = Edges[Old];
    for (Edge &E : Out)
      E.To = NewId[E.To];
    SmallVector<uint32_t, 32> Pick(Out.size());
    for (uint32_t J = 0; J < Out.size(); ++J)
      Pick[J] = J;
    llvm::sort(Pick, [&](uint32_t A, uint32_t B) {
      return std::make_tuple(Out[A].To, Out[A].IsTail, A) <
             std::make_tuple(Out[B].To, Out[B].IsTail, B);
    });
    SmallVector<Edge, 32> Kept;
    for (size_t J = 0; J < Pick.size(); ++J)
      if (J == 0 || Out[Pick[J]].To != Out[Pick[J - 1]].To)
        Kept.push_back(Out[Pick[J]]);
    Out.assign(Kept.begin(), Kept.end());
  });
  // Nodes move to their places on threads; an edge list moves as its
  // vector, not edge by edge. (Swapping in place, which needs no second
  // array, took twice as long at 10^6 nodes: a swap of two nodes is two
  // cache misses on a random pair.)
  std::vector<Node> SortedNodes(Nodes.size());
  std::vector<std::vector<Edge>> SortedEdges(Nodes.size());
  forEachItem(Nodes.size(), [&](size_t Old) {
    SortedNodes[NewId[Old]] = std::move(Nodes[Old]);
    SortedEdges[NewId[Old]] = std::move(Edges[Old]);
  });
  std::vector<Node>().swap(Nodes);
  std::vector<std::vector<Edge>>().swap(Edges);
  return CallGraph::fromParts(std::move(SortedNodes), std::move(SortedEdges),
                              std::move(Unknowns), Opts.CallOverhead,
                              std::move(NoTargets), std::move(CallFiles));
}

Expected<CallGraph> GraphBuilder::build() {
  for (const KnownFrame &K : P.Frames) {
    Expected<GlobPattern> G = GlobPattern::create(K.Function);
    if (!G)
      return createStringError(inconvertibleErrorCode(),
                               "profile frame pattern '" + K.Function +
                                   "': " + toString(G.takeError()));
    FramePatterns.emplace_back(std::move(*G), &K);
  }
  for (const ObjectFacts &O : In.Objects)
    for (const FunctionFacts &F : O.Functions)
      for (const CallFact &C : F.Calls)
        if (C.Origin == CallOrigin::Fentry)
          FentryHooks.insert(C.Callee);
  for (const ObjectInventory &Inv : In.Inventory) {
    for (const std::string &Name : Inv.FunctionsWithoutFacts)
      DefinedWithoutFacts.try_emplace(Name, Inv.Origin);
    for (const std::string &Name : Inv.CodeLabels)
      CodeLabels.try_emplace(Name, Inv.Origin);
  }
  if (Error E = defineGlobals())
    return std::move(E);
  defineAliases();

  for (const DefinedFunction &D : Defined)
    if (D.F->Dynamic && !D.F->Dynamic->bounded())
      addUnknown(UnknownKind::DynamicFrame, D.Id, "",
                 "dynamic stack allocation without a proven bound: " +
                     D.F->Dynamic->Reason,
                 D.F->Loc);
  for (const DefinedFunction &D : Defined)
    if (D.F->Recorder == RecorderKind::MachineCode &&
        !D.F->FrameUnknown.empty())
      addUnknown(UnknownKind::MachineCode, D.Id, "",
                 "'" + D.F->Name + "' is defined in " +
                     In.Objects[D.Obj].Origin +
                     " without facts and its machine code cannot be "
                     "followed: " +
                     D.F->FrameUnknown + "; the profile gives no frame",
                 D.F->Loc);
  collectAddressTaken();
  // Without a resolver of the caller's, indirect calls are matched by type
  // alone, by the same matcher (IndirectResolver.h).
  std::optional<IndirectResolver> ByType;
  Resolve = Opts.ResolveIndirect;
  if (!Resolve) {
    Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
    if (!R)
      return R.takeError();
    ByType.emplace(std::move(*R));
    Resolve = resolverCallback(*ByType);
  }
  findDirectCallees();
  for (auto [I, D] : enumerate(Defined))
    addCalls(D.Obj, *D.F, D.Id,
             DirectCallees.empty() ? ArrayRef<NodeId>()
                                   : ArrayRef<NodeId>(DirectCallees[I]));
  std::vector<std::vector<NodeId>>().swap(DirectCallees);
  return finish();
}

} // namespace

Expected<CallGraph> CallGraph::build(const ReadResult &Input, const Profile &P,
                                     const CallGraphOptions &Opts) {
  return GraphBuilder(Input, P, Opts).build();
}

} // namespace stackbudget
