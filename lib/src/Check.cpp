//===- Check.cpp - The whole-program stack check --------------------------===//

#include "stackbudget/Check.h"
#include "stackbudget/CallGraph.h"
#include "stackbudget/LocatedError.h"
#include "stackbudget/ParallelWork.h"
#include "stackbudget/WorstPath.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/TargetParser/Triple.h"

#include <map>

using namespace llvm;

namespace stackbudget {

void EntryTally::add(const EntryReport &E) {
  ++Entries;
  OverBudget += E.OverBudget;
  Unknown += E.Unknown;
  if (WorstEntry.empty() || E.Bytes > WorstBytes) {
    WorstBytes = E.Bytes;
    WorstUnknown = E.Unknown;
    WorstEntry = E.Function;
  }
  if (!E.Unknown && (FiniteEntry.empty() || E.Bytes > FiniteBytes)) {
    FiniteBytes = E.Bytes;
    FiniteEntry = E.Function;
  }
}
const char *hopEdgeName(HopEdge E) {
  switch (E) {
  case HopEdge::Entry:
    return "entry";
  case HopEdge::Call:
    return "call";
  case HopEdge::TailCall:
    return "tail-call";
  case HopEdge::IndirectCall:
    return "indirect-call";
  case HopEdge::IndirectTailCall:
    return "indirect-tail-call";
  case HopEdge::AsmCall:
    return "asm-call";
  case HopEdge::AsmTailCall:
    return "asm-tail-call";
  case HopEdge::CycleExit:
    return "cycle-exit";
  }
  llvm_unreachable("bad hop edge");
}

ArrayRef<HopEdge> allHopEdges() {
  static const HopEdge All[] = {
      HopEdge::Entry,        HopEdge::Call,         HopEdge::TailCall,
      HopEdge::IndirectCall, HopEdge::IndirectTailCall, HopEdge::AsmCall,
      HopEdge::AsmTailCall,  HopEdge::CycleExit};
  return All;
}

HopEdge hopEdgeOf(EdgeKind K, bool IsTail) {
  switch (K) {
  case EdgeKind::Asm:
    return IsTail ? HopEdge::AsmTailCall : HopEdge::AsmCall;
  case EdgeKind::Indirect:
    return IsTail ? HopEdge::IndirectTailCall : HopEdge::IndirectCall;
  case EdgeKind::Direct:
  case EdgeKind::Candidate:
    return IsTail ? HopEdge::TailCall : HopEdge::Call;
  }
  llvm_unreachable("bad edge kind");
}

bool isTailCall(HopEdge E) {
  return E == HopEdge::TailCall || E == HopEdge::IndirectTailCall ||
         E == HopEdge::AsmTailCall;
}

bool isAsmCall(HopEdge E) {
  return E == HopEdge::AsmCall || E == HopEdge::AsmTailCall;
}

bool isIndirectCall(HopEdge E) {
  return E == HopEdge::IndirectCall || E == HopEdge::IndirectTailCall;
}

namespace {

/// The one target triple of the inputs (empty when no facts name one).
/// Inputs of two architectures are an error naming an object of each, and
/// so is a profile written for another architecture: the rules of the
/// check (the call overhead, what a frame holds) are the target's.
Expected<std::string> inputTriple(const ReadResult &In, const Profile &P) {
  std::string Triple, Origin;
  for (const ObjectFacts &O : In.Objects)
    for (const ModuleFacts &M : O.Modules) {
      if (M.Triple.empty())
        continue;
      if (Triple.empty()) {
        Triple = M.Triple;
        Origin = O.Origin;
      } else if (llvm::Triple(Triple).getArch() !=
                 llvm::Triple(M.Triple).getArch()) {
        return createStringError(
            inconvertibleErrorCode(),
            "the inputs mix targets: " + Origin + " is for '" + Triple +
                "' and " + O.Origin + " for '" + M.Triple + "'");
      }
    }
  if (P.Target && !Triple.empty() &&
      llvm::Triple(Triple).getArch() !=
          llvm::Triple(*P.Target).getArch())
    return createStringError(inconvertibleErrorCode(),
                             "profile " + P.Path + " is for target '" +
                                 *P.Target + "', but " + Origin +
                                 " is for '" + Triple + "'");
  return Triple;
}

Expected<uint64_t> chooseCallOverhead(StringRef Triple, const Profile &P,
                                      const CheckOptions &Opts) {
  if (Opts.CallOverhead)
    return *Opts.CallOverhead;
  if (P.CallOverhead)
    return *P.CallOverhead;
  if (Triple.empty())
    return createStringError(inconvertibleErrorCode(),
                             "the facts name no target; give call_overhead in "
                             "the profile");
  if (std::optional<uint64_t> Oh = callOverheadForTriple(Triple))
    return *Oh;
  return createStringError(inconvertibleErrorCode(),
                           "the call overhead of target '" + Triple +
                               "' is not known; give call_overhead in the "
                               "profile");
}

/// Stack index of a function checked only against its own stack_budget.
constexpr size_t NoStack = ~size_t(0);

struct EntryPoint {
  NodeId Node;
  size_t Stack;
  std::string Class;
  /// EntryClass::Nests of the class it was found under.
  bool Nests = false;
};

/// At the function's definition when it has one (not for a function known
/// only by its object).
Error errorAtFunction(const Node &N, const Twine &Msg) {
  return errorAt(N.Loc.isValid() ? N.Loc : SourceLoc(), Msg);
}

Expected<std::vector<EntryPoint>>
findEntries(const CallGraph &G, const DepthAnalysis &A, const Profile &P) {
  std::vector<EntryPoint> Out;
  // An entry on a stack is checked once, under its first class.
  DenseSet<std::pair<NodeId, size_t>> Seen;
  DenseSet<NodeId> IsEntry;
  auto Add = [&](NodeId U, size_t Stack, StringRef Class,
                 bool Nests = false) {
    if (!Seen.insert({U, Stack}).second)
      return;
    IsEntry.insert(U);
    Out.push_back({U, Stack, Class.str(), Nests});
  };
  // Without a profile every function nothing calls is an entry. A cycle is
  // called when any member is called from outside it; the members of a
  // cycle that nothing else calls are all entries.
  std::vector<bool> Uncalled(G.size(), false);
  if (P.UncalledFunctionsAreEntries) {
    std::vector<bool> Called(G.size(), false);
    std::vector<bool> CycleCalled(A.cycles().size(), false);
    for (NodeId U = 0; U < G.size(); ++U)
      for (const Edge &E : G.edges(U)) {
        std::optional<uint32_t> CU = A.cycleOf(U), CV = A.cycleOf(E.To);
        if (E.To == U || (CU && CU == CV))
          continue;
        Called[E.To] = true;
        if (CV)
          CycleCalled[*CV] = true;
      }
    for (NodeId U = 0; U < G.size(); ++U) {
      std::optional<uint32_t> C = A.cycleOf(U);
      Uncalled[U] = !(C ? CycleCalled[*C] : Called[U]);
    }
  }

  struct Matcher {
    size_t Stack;
    const EntryClass *Class;
    std::vector<GlobPattern> Patterns;
  };
  std::vector<Matcher> Matchers;
  // A pattern without glob syntax names one symbol: looked up by name, so
  // that 10^5 `entries:` annotations cost 10^5 lookups, not 10^5 matches
  // per function.
  StringMap<SmallVector<size_t, 1>> ByName;
  for (const EntryClass &E : P.Entries) {
    Matcher M{size_t(P.findStack(E.Stack) - P.Stacks.data()), &E, {}};
    for (const std::string &Pat : E.Functions) {
      if (StringRef(Pat).find_first_of("*?[]{}\\") == StringRef::npos) {
        SmallVector<size_t, 1> &Classes = ByName[Pat];
        if (Classes.empty() || Classes.back() != Matchers.size())
          Classes.push_back(Matchers.size());
        continue;
      }
      Expected<GlobPattern> GP = GlobPattern::create(Pat);
      if (!GP)
        return GP.takeError();
      M.Patterns.push_back(std::move(*GP));
    }
    Matchers.push_back(std::move(M));
  }
  std::vector<size_t> WithGlobs;
  for (size_t I = 0; I < Matchers.size(); ++I)
    if (!Matchers[I].Patterns.empty())
      WithGlobs.push_back(I);
  SmallVector<size_t, 4> Matching;
  for (NodeId U = 0; U < G.size(); ++U) {
    if (G.node(U).Kind != NodeKind::Function)
      continue;
    // The classes that name this function, in profile order (the first
    // one an entry is checked under wins).
    Matching.clear();
    if (auto It = ByName.find(G.node(U).Name); It != ByName.end())
      Matching.append(It->second.begin(), It->second.end());
    for (size_t I : WithGlobs)
      if (any_of(Matchers[I].Patterns, [&](const GlobPattern &GP) {
            return GP.match(G.node(U).Name);
          }))
        Matching.push_back(I);
    llvm::sort(Matching);
    Matching.erase(std::unique(Matching.begin(), Matching.end()),
                   Matching.end());
    for (size_t I : Matching) {
      const Matcher &M = Matchers[I];
      if (!M.Class->TU.empty() && G.node(U).TU != M.Class->TU)
        continue;
      Add(U, M.Stack, M.Class->Class, M.Class->Nests);
    }
    // Entries and budgets written in source (docs/attributes.md).
    const Node *F = &G.node(U);
    if (!F->EntryClass.empty()) {
      bool Mapped = false;
      for (const Matcher &M : Matchers)
        if (M.Class->Class == F->EntryClass) {
          Add(U, M.Stack, F->EntryClass, M.Class->Nests);
          Mapped = true;
        }
      // Without entry classes (no profile) every entry runs on the one
      // stack; a profile must map every class it meets.
      if (!Mapped && P.Entries.empty())
        Add(U, 0, F->EntryClass);
      else if (!Mapped)
        return errorAtFunction(
            G.node(U), "'" + G.node(U).Name + "' is a stack_entry of class '" +
                           F->EntryClass + "', which profile " + P.Path +
                           " maps to no stack");
    }
    // After the classes written in source, so that an uncalled
    // stack_entry is checked under its own class.
    if (Uncalled[U])
      Add(U, 0, "");
    if (F->Budget && !IsEntry.contains(U)) {
      IsEntry.insert(U);
      Out.push_back({U, NoStack, ""});
    }
  }
  return std::move(Out);
}


std::vector<HopReport> hopsOf(const CallGraph &G, const Path &P,
                              uint64_t EntryOverhead) {
  std::vector<HopReport> Hops;
  Hops.reserve(P.Steps.size());
  // A candidate set is folded into the candidate after it: the hop is the
  // function the indirect call reached, with the call site and set size.
  NodeId Set = InvalidNode;
  const Edge *SetVia = nullptr;
  for (size_t I = 0; I < P.Steps.size(); ++I) {
    const PathStep &S = P.Steps[I];
    const Node &N = G.node(S.Node);
    bool Last = I + 1 == P.Steps.size();
    if (N.Kind == NodeKind::CandidateSet && !Last && !S.Cycle) {
      Set = S.Node;
      SetVia = S.Via;
      continue;
    }
    HopReport H;
    H.Function = N.Kind == NodeKind::CandidateSet && !N.Via.empty() ? N.Via
                                                                     : N.Name;
    H.TU = N.TU;
    H.Loc = N.Loc;
    H.Parts = N.Parts;
    H.FrameUnknown = N.OwnUnknown;
    if (N.Kind == NodeKind::Function)
      H.Recorder = N.Recorder;
    H.Total = S.Total;
    const Edge *Via = S.Via;
    if (Set != InvalidNode) {
      Via = SetVia;
      H.Candidates = G.edges(Set).size();
      H.Via = G.node(Set).Via;
    }
    if (N.Kind == NodeKind::CandidateSet) {
      H.Candidates = G.edges(S.Node).size();
      H.Via = N.Via;
    }
    if (I == 0) {
      H.Edge = HopEdge::Entry;
      H.CallOverhead = EntryOverhead;
    } else if (!Via) {
      H.Edge = HopEdge::CycleExit;
    } else {
      H.Edge = hopEdgeOf(Via->Kind, Via->IsTail);
      H.CallLoc = G.callLoc(*Via);
      H.CallOverhead = Via->IsTail ? 0 : G.callOverhead();
    }
    if (S.Cycle) {
      H.Cycle = *S.Cycle;
      H.CycleBytes = S.CycleBytes;
    }
    Set = InvalidNode;
    SetVia = nullptr;
    Hops.push_back(std::move(H));
  }
  return Hops;
}

/// One FunctionReport per function and external, and the frame findings.
/// The reports of 10^6 nodes are made on threads, then counted in order.
void reportFunctions(const CallGraph &G, const DepthAnalysis &A,
                     const Profile &P, CheckResult &R) {
  std::vector<NodeId> Reported;
  Reported.reserve(G.size());
  for (NodeId U = 0; U < G.size(); ++U)
    if (G.node(U).Kind != NodeKind::CandidateSet)
      Reported.push_back(U);
  size_t First = R.Functions.size();
  R.Functions.resize(First + Reported.size());
  forEachItem(Reported.size(), [&](size_t I) {
    NodeId U = Reported[I];
    const Node &N = G.node(U);
    FunctionReport &F = R.Functions[First + I];
    F.Name = N.Name;
    F.TU = N.TU;
    F.Origin = N.Origin;
    F.HasFacts = N.Kind == NodeKind::Function;
    F.Linkage = F.HasFacts ? linkageName(N.Link) : "external";
    F.Loc = N.Loc;
    F.Parts = N.Parts;
    F.FrameUnknown = N.OwnUnknown;
    if (F.HasFacts)
      F.Recorder = N.Recorder;
    F.Depth = A.depth(U).Bytes;
    F.DepthUnknown = A.depth(U).Unknown;
    F.Cycle = A.cycleOf(U);
  });
  for (size_t I = 0; I < Reported.size(); ++I) {
    const Node &N = G.node(Reported[I]);
    const FunctionReport &F = R.Functions[First + I];
    if (F.HasFacts && P.FrameLimit && N.Parts.limitedBytes() > *P.FrameLimit) {
      FrameFinding &FF = R.FrameFindings.emplace_back();
      FF.Function = N.Name;
      FF.TU = N.TU;
      FF.Loc = N.Loc;
      FF.Frame = N.Parts.limitedBytes();
      FF.Limit = *P.FrameLimit;
    }
    R.Summary.Functions += F.HasFacts;
    R.Summary.MachineCode += F.Recorder == RecorderKind::MachineCode;
    R.Summary.Externals += !F.HasFacts;
  }
}

void reportCycles(const CallGraph &G, const DepthAnalysis &A, CheckResult &R) {
  for (uint32_t C = 0; C < A.cycles().size(); ++C) {
    const CycleInfo &Info = A.cycles()[C];
    CycleReport CR;
    CR.Id = C;
    for (NodeId M : Info.Members) {
      CR.Members.push_back(G.node(M).Name);
      CR.MemberTUs.push_back(G.node(M).TU);
    }
    CR.MemberBounds = Info.Bounds;
    CR.Loc = G.node(Info.Members.front()).Loc;
    CR.TripBytes = Info.TripBytes;
    CR.Method = Info.Method;
    CR.Bytes = Info.Depth.Bytes;
    CR.Unknown = Info.Depth.Unknown;
    CR.Unbounded = !Info.isBounded();
    R.Summary.UnboundedCycles += CR.Unbounded;
    R.Summary.ClosedFormCycles +=
        !CR.Unbounded && Info.Method == CycleMethod::ClosedForm;
    R.Cycles.push_back(std::move(CR));
  }
}

/// An entry's bytes, worst paths and unknowns on the stack \p SR. It reads
/// only the graph and the analysis: the entries are reported in parallel.
EntryReport reportEntry(const CallGraph &G, const DepthAnalysis &A,
                        const EntryPoint &E, const StackReport &SR,
                        uint64_t Overhead, unsigned TopPaths) {
  const Node &N = G.node(E.Node);
  EntryReport ER;
  ER.Function = N.Name;
  ER.TU = N.TU;
  ER.Loc = N.Loc;
  ER.Class = E.Class;
  ER.Stack = SR.Name;
  ER.Budget = SR.Budget;
  if (N.Budget && (E.Stack == NoStack || *N.Budget < ER.Budget)) {
    ER.Budget = *N.Budget;
    ER.SourceBudget = true;
  }
  StackUsage D = A.depth(E.Node);
  ER.Bytes = D.Bytes + Overhead;
  ER.Unknown = D.Unknown;
  ER.OverBudget = ER.Bytes > ER.Budget;
  for (const Path &Pth : A.worstPaths(E.Node, std::max(1u, TopPaths), Overhead))
    ER.Paths.push_back(
        {Pth.Total.Bytes, Pth.Total.Unknown, hopsOf(G, Pth, Overhead)});
  if (D.Unknown)
    ER.Unknowns = A.reachableUnknowns(E.Node, &ER.UnknownsTruncated).vec();
  return ER;
}

} // namespace

Expected<CheckResult> runCheck(const ReadResult &Input, const Profile &P,
                               const CheckOptions &Opts) {
  Expected<std::string> Triple = inputTriple(Input, P);
  if (!Triple)
    return Triple.takeError();
  Expected<uint64_t> Overhead = chooseCallOverhead(*Triple, P, Opts);
  if (!Overhead)
    return Overhead.takeError();
  CallGraphOptions GOpts;
  GOpts.CallOverhead = *Overhead;
  GOpts.ResolveIndirect = Opts.ResolveIndirect;
  GOpts.IsExcluded = Opts.IsExcluded;
  Expected<CallGraph> G = [&] {
    PhaseScope Build(Opts.Phases, CheckPhase::BuildGraph);
    return CallGraph::build(Input, P, GOpts);
  }();
  if (!G)
    return G.takeError();
  PhaseScope Walk(Opts.Phases, CheckPhase::PathWalk);
  Expected<DepthAnalysis> A = DepthAnalysis::run(*G, P.Recursion, Opts.Cycles);
  if (!A)
    return A.takeError();
  Expected<std::vector<EntryPoint>> Entries = findEntries(*G, *A, P);
  if (!Entries)
    return Entries.takeError();

  CheckResult R;
  R.ProfilePath = P.Path;
  R.Triple = *Triple;
  R.CallOverhead = *Overhead;

  for (auto [I, U] : enumerate(A->unknowns())) {
    const Node &N = G->node(U.Node);
    UnknownCall Call = A->callOfUnknown(I);
    R.Unknowns.push_back(
        {U.Kind, N.Name, N.TU, U.Symbol, U.Message, U.Loc,
         Call.Caller == InvalidNode ? std::string() : G->node(Call.Caller).Name,
         Call.CallSite});
  }

  for (const NoTargetCall &T : G->noTargetCalls()) {
    const Node &N = G->node(T.Node);
    R.NoTargetCalls.push_back({N.Name, N.TU, T.Message, T.Loc});
  }
  R.Summary.NoTargetCalls = R.NoTargetCalls.size();

  reportFunctions(*G, *A, P, R);
  R.Summary.Edges = G->numEdges();

  reportCycles(*G, *A, R);
  R.Summary.Cycles = R.Cycles.size();
  R.Summary.UnknownSources = R.Unknowns.size();

  for (const StackSpec &S : P.Stacks) {
    StackReport SR;
    SR.Name = S.Name;
    SR.Size = S.Size;
    SR.Reserved = S.Reserved;
    SR.Budget = S.budget();
    R.Stacks.push_back(std::move(SR));
  }

  llvm::sort(*Entries, [&](const EntryPoint &X, const EntryPoint &Y) {
    return std::make_tuple(X.Stack, X.Node) < std::make_tuple(Y.Stack, Y.Node);
  });
  StackReport NoStackReport;
  auto StackOf = [&](const EntryPoint &E) -> StackReport & {
    return E.Stack == NoStack ? NoStackReport : R.Stacks[E.Stack];
  };
  // 10^5 entries of a whole kernel walk their paths on llvm::parallel's
  // threads, each into its own report; the tallies follow in entry order.
  std::vector<EntryReport> Reports(Entries->size());
  forEachItem(Entries->size(), [&](size_t I) {
    const EntryPoint &E = (*Entries)[I];
    Reports[I] = reportEntry(*G, *A, E, StackOf(E), *Overhead, Opts.TopPaths);
  });
  std::map<std::pair<std::string, std::string>, ClassReport> Classes;
  R.Entries.reserve(Reports.size());
  for (size_t I = 0; I < Reports.size(); ++I) {
    const EntryPoint &E = (*Entries)[I];
    EntryReport &ER = Reports[I];
    StackReport &SR = StackOf(E);
    if (SR.NestingClass.empty() && E.Nests)
      SR.NestingClass = ER.Class;
    SR.Tally.add(ER);
    if (!ER.Stack.empty()) {
      ClassReport &CR = Classes[{ER.Class, ER.Stack}];
      CR.Class = ER.Class;
      CR.Stack = ER.Stack;
      CR.Budget = SR.Budget;
      CR.Tally.add(ER);
    }
    R.Summary.OverBudget += ER.OverBudget;
    R.Summary.UnknownEntries += ER.Unknown;
    R.Entries.push_back(std::move(ER));
  }
  for (auto &[Key, CR] : Classes)
    R.Classes.push_back(std::move(CR));
  R.Summary.Entries = R.Entries.size();
  R.Summary.FrameFindings = R.FrameFindings.size();
  return std::move(R);
}

} // namespace stackbudget
