//===- RuntimeCrossCheck.cpp - A running kernel's stack against the proof -===//

#include "stackbudget/RuntimeCrossCheck.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>

using namespace llvm;

namespace stackbudget {

const char *rowVerdictName(RowVerdict V) {
  switch (V) {
  case RowVerdict::Fits:
    return "fits";
  case RowVerdict::ShiftedFromBelow:
    return "shifted from below";
  case RowVerdict::Above:
    return "ABOVE its frame";
  case RowVerdict::NotCompared:
    return "not compared";
  case RowVerdict::Outermost:
    return "outermost";
  case RowVerdict::TracerHook:
    return "the tracer's";
  }
  llvm_unreachable("bad row verdict");
}

uint64_t StackCheck::observed() const {
  uint64_t Max = TracedDepth.value_or(0);
  if (Deepest && Report.Size > Deepest->BytesLeft)
    Max = std::max(Max, Report.Size - Deepest->BytesLeft);
  return Max;
}

unsigned RuntimeCrossCheck::failures() const {
  unsigned N = 0;
  for (const RowCheck &R : Rows)
    N += (R.Verdict == RowVerdict::Above) + R.MissingCall;
  for (const EntryCheck &E : Entries)
    N += E.Above;
  return N + Stack.Above;
}

namespace {
/// The graph's functions and external symbols by the name kallsyms prints.
class SymbolIndex {
public:
  explicit SymbolIndex(const CallGraph &G) {
    for (NodeId N = 0; N < G.size(); ++N)
      if (G.node(N).Kind != NodeKind::CandidateSet)
        ByName[G.node(N).Name].push_back(N);
  }

  /// Several for `static` functions of one name in different TUs. A name
  /// with a compiler suffix (`foo.cold`, `foo.llvm.123`) that is no symbol
  /// of the inputs falls back to the part before the first dot.
  ArrayRef<NodeId> lookup(StringRef Name) const {
    auto It = ByName.find(Name);
    if (It == ByName.end() && Name.contains('.'))
      It = ByName.find(Name.split('.').first);
    if (It == ByName.end())
      return {};
    return It->second;
  }

private:
  StringMap<SmallVector<NodeId, 1>> ByName;
};
} // namespace

/// Whether \p From runs one call (not a tail jump) that reaches one of
/// \p To, directly or through tail calls and candidate sets, the way the
/// unwinder sees it: a tail call leaves no return address of its own.
static bool callReaches(const CallGraph &G, NodeId From,
                        const SmallDenseSet<NodeId, 4> &To) {
  SmallVector<NodeId, 16> Work;
  DenseSet<NodeId> Seen;
  for (const Edge &E : G.edges(From))
    if (!E.IsTail && Seen.insert(E.To).second)
      Work.push_back(E.To);
  while (!Work.empty()) {
    NodeId N = Work.pop_back_val();
    if (To.contains(N))
      return true;
    for (const Edge &E : G.edges(N))
      if (E.IsTail && Seen.insert(E.To).second)
        Work.push_back(E.To);
  }
  return false;
}

/// The static bytes of a row whose function is one of \p Nodes (several:
/// `static` functions of one name), or why there are none (in \p Note).
static std::optional<uint64_t> staticRowBytes(const CallGraph &G,
                                              ArrayRef<NodeId> Nodes,
                                              std::string &Note) {
  if (Nodes.empty()) {
    Note = "not in the call graph (no facts and nothing calls it, or not in "
           "the inputs)";
    return std::nullopt;
  }
  uint64_t Max = 0;
  for (NodeId N : Nodes) {
    const Node &X = G.node(N);
    // An external's own bytes are unknown only without a profile frame.
    if (X.Kind == NodeKind::External && X.OwnUnknown) {
      Note = "no facts (assembly, or not built with the plugin) and no "
             "profile frame";
      return std::nullopt;
    }
    if (X.OwnUnknown) {
      Note = "its frame has a part without a proven bound";
      return std::nullopt;
    }
    Max = std::max(Max, X.Parts.own());
  }
  if (Nodes.size() > 1)
    Note = Twine(Nodes.size())
               .concat(" functions of this name; compared with the largest")
               .str();
  else if (G.node(Nodes.front()).Kind == NodeKind::External)
    Note = "the profile's frame";
  return Max + G.callOverhead();
}

/// ftrace_caller keeps the traced function's return address (x9) in a frame
/// record at the top of its own frame, 8 bytes below the traced function's
/// entry stack pointer (arch/arm64/kernel/entry-ftrace.S: `sub sp, sp,
/// #(FREGS_SIZE + 32)`, then `stp x29, x9, [sp, #FREGS_SIZE + 16]`): row 0's
/// slot under TracerLayout::FrameRecord.
constexpr uint64_t Arm64FtraceCallsiteSlot = 8;

static Expected<TracerLayout> tracerLayout(const CheckResult &R) {
  Triple T(R.Triple);
  if (T.isAArch64())
    return TracerLayout::FrameRecord;
  if (T.getArch() == Triple::x86_64 || (R.Triple.empty() && R.CallOverhead))
    return TracerLayout::PushedReturnAddress;
  return createStringError(
      inconvertibleErrorCode(),
      "the runtime cross-check reads the stack tracer of x86-64 and arm64 "
      "kernels; the inputs are for '" +
          (R.Triple.empty() ? std::string("no named target") : R.Triple) +
          "'");
}

/// The return-address slots (FunctionFacts::ReturnAddressSlot) of the
/// functions of one row, least and most (several: `static` functions of
/// one name), or why there are none (in \p Note).
static std::optional<std::pair<uint64_t, uint64_t>>
returnAddressSlots(const CallGraph &G, ArrayRef<NodeId> Nodes, StringRef Name,
                   std::string &Note) {
  if (Nodes.empty()) {
    Note = ("'" + Name + "' is not in the call graph").str();
    return std::nullopt;
  }
  std::optional<std::pair<uint64_t, uint64_t>> Range;
  for (NodeId N : Nodes) {
    const Node &X = G.node(N);
    if (X.Kind != NodeKind::Function || !X.ReturnAddressSlot) {
      Note = ("the facts do not say where '" + Name +
              "' saves its return address (no facts, assembly, or the "
              "LLVM 19 recorder)")
                 .str();
      return std::nullopt;
    }
    uint64_t S = *X.ReturnAddressSlot;
    Range = Range ? std::make_pair(std::min(Range->first, S),
                                   std::max(Range->second, S))
                  : std::make_pair(S, S);
  }
  return Range;
}

/// TracerLayout::FrameRecord: row I's Size is the frame of its caller (row
/// I+1) between the two slots: own(caller) + slot(I) - slot(caller). Row 0's
/// slot is ftrace_caller's.
static std::optional<uint64_t>
frameRecordRowBytes(const CallGraph &G, ArrayRef<NodeId> Here,
                    StringRef HereName, ArrayRef<NodeId> Caller,
                    StringRef CallerName, bool IsRow0, std::string &Note) {
  std::string Why;
  std::optional<uint64_t> Own = staticRowBytes(G, Caller, Why);
  if (!Own) {
    Note = ("the row holds the frame of its caller '" + CallerName +
            "', which has none to compare: " + Why)
               .str();
    return std::nullopt;
  }
  std::optional<std::pair<uint64_t, uint64_t>> Mine =
      IsRow0 ? std::make_pair(Arm64FtraceCallsiteSlot, Arm64FtraceCallsiteSlot)
             : returnAddressSlots(G, Here, HereName, Note);
  if (!Mine)
    return std::nullopt;
  std::optional<std::pair<uint64_t, uint64_t>> Theirs =
      returnAddressSlots(G, Caller, CallerName, Note);
  if (!Theirs)
    return std::nullopt;
  // A slot lies inside its frame, so the caller's own bytes cover its slot.
  uint64_t Bytes =
      *Own + Mine->second - std::min(*Own, Theirs->first);
  Note = ("its caller '" + CallerName + "': frame " + Twine(*Own) +
          " + this slot " + Twine(Mine->second) + " - the caller's " +
          Twine(Theirs->first) + (Why.empty() ? "" : "; " + Why))
             .str();
  return Bytes;
}

/// Row I's function calls row I-1's (rows count outwards from the traced
/// function): marks \p R MissingCall when no call of the graph does, or not
/// compared (EnteredWithoutCall) when the row below is assembly that an
/// exception or interrupt can enter.
static void checkHop(const CallGraph &G, ArrayRef<NodeId> Callers,
                     ArrayRef<NodeId> Callees, StringRef CalleeName,
                     RowCheck &R) {
  SmallVector<NodeId, 4> WithFacts;
  for (NodeId N : Callers)
    if (G.node(N).Kind == NodeKind::Function)
      WithFacts.push_back(N);
  if (WithFacts.empty())
    return;
  SmallDenseSet<NodeId, 4> To(Callees.begin(), Callees.end());
  if (any_of(WithFacts, [&](NodeId N) { return callReaches(G, N, To); }))
    return;
  // Only assembly is entered by the hardware: a function without facts
  // (a node only when something calls it or takes its address: an
  // uncalled `.S` entry has none) or one read from its machine code.
  if (all_of(Callees, [&](NodeId N) {
        return G.node(N).Kind == NodeKind::External ||
               G.node(N).Recorder == RecorderKind::MachineCode;
      })) {
    // An exception or interrupt entry (asm_exc_page_fault, ...) looks the
    // same in the trace as a call; the interrupted function's row then also
    // holds the hardware frame.
    R.Verdict = RowVerdict::NotCompared;
    R.EnteredWithoutCall = true;
    R.Static.reset();
    R.Note = ("'" + CalleeName +
              "' below is assembly and no call from here reaches it: "
              "entered by an exception, an interrupt or a patched call, so "
              "this row may hold a hardware frame")
                 .str();
    return;
  }
  R.MissingCall = true;
  R.Note = ("the call graph has no call from here that reaches '" +
            CalleeName + "', which the kernel ran")
               .str();
}

/// Fits, ShiftedFromBelow or Above for the compared rows, from the deepest
/// row out: a row above its frame is explained when the rows right below it
/// are short by at least as much (the tracer's search for a return address
/// stops at the first copy, which moves bytes from one row to the next).
static void judgeRows(std::vector<RowCheck> &Rows) {
  std::optional<int64_t> MinSuffix; // the least sum of (observed - static)
                                    // over compared rows ending below
  for (RowCheck &R : Rows) {
    if (!R.Static || R.Verdict == RowVerdict::Outermost ||
        R.Verdict == RowVerdict::TracerHook) {
      MinSuffix.reset();
      continue;
    }
    int64_t Excess = static_cast<int64_t>(R.Row.Size) -
                     static_cast<int64_t>(*R.Static);
    if (Excess <= 0)
      R.Verdict = RowVerdict::Fits;
    else if (MinSuffix && *MinSuffix + Excess <= 0)
      R.Verdict = RowVerdict::ShiftedFromBelow;
    else
      R.Verdict = RowVerdict::Above;
    MinSuffix = MinSuffix ? std::min(Excess, *MinSuffix + Excess) : Excess;
  }
}

Expected<RuntimeCrossCheck> crossCheckRuntime(const RuntimeObservations &Obs,
                                              const CallGraph &G,
                                              const CheckResult &Result,
                                              StringRef StackName) {
  const StackReport *Stack = nullptr;
  std::string Names;
  for (const StackReport &S : Result.Stacks) {
    if (S.Name == StackName)
      Stack = &S;
    Names += (Names.empty() ? "'" : ", '") + S.Name + "'";
  }
  if (!Stack)
    return createStringError(inconvertibleErrorCode(),
                             "no stack '" + StackName +
                                 "' in the profile (its stacks: " + Names +
                                 ")");

  Expected<TracerLayout> Layout = tracerLayout(Result);
  if (!Layout)
    return Layout.takeError();
  RuntimeCrossCheck C;
  C.Layout = *Layout;
  bool Pushed = C.Layout == TracerLayout::PushedReturnAddress;
  SymbolIndex Index(G);
  const std::vector<TracerRow> &T = Obs.Trace;

  // The depth of the stack pointer right before the call into row I's
  // function, or why it is not known.
  auto BeforeCall = [&](size_t I, std::string &Why) -> std::optional<uint64_t> {
    if (Pushed) {
      if (I + 1 < T.size())
        return T[I + 1].Depth - G.callOverhead();
      Why = "the outermost row";
      return std::nullopt;
    }
    auto Slot = returnAddressSlots(G, Index.lookup(T[I].Function),
                                   T[I].Function, Why);
    if (Slot && Slot->first != Slot->second) {
      Why = "functions of this name save their return address at "
            "different places";
      return std::nullopt;
    }
    if (!Slot || Slot->first > T[I].Depth)
      return std::nullopt;
    return T[I].Depth - Slot->first;
  };

  for (size_t I = 0; I < T.size(); ++I) {
    RowCheck R;
    R.Row = T[I];
    ArrayRef<NodeId> Nodes = Index.lookup(T[I].Function);
    if (I + 1 == T.size() && I > 0) {
      R.Verdict = RowVerdict::Outermost;
      std::string Above = "entry code, pt_regs and everything above";
      if (!Pushed) {
        // The shift leaves the outermost return address unnamed: the last
        // row is a function, with its part below its slot.
        std::string Why;
        if (std::optional<uint64_t> Entered = BeforeCall(I, Why))
          Above += " (" + std::to_string(*Entered) +
                   " bytes; its own frame holds the other " +
                   std::to_string(T[I].Depth - *Entered) + ")";
      }
      R.Note = (Above + "; the profile reserves " +
                Twine(Stack->Size - Stack->Budget) + " bytes")
                   .str();
    } else if (!Pushed) {
      R.Static = frameRecordRowBytes(G, Nodes, T[I].Function,
                                     Index.lookup(T[I + 1].Function),
                                     T[I + 1].Function, I == 0, R.Note);
    } else if (I == 0) {
      // The traced function before its prologue: the return address of
      // its `__fentry__` call, and whatever of the trampoline's frame lies
      // below the first copy of it the tracer found.
      R.Static = G.callOverhead();
      if (T[0].Size > G.callOverhead()) {
        R.Verdict = RowVerdict::TracerHook;
        R.Note = ("the __fentry__ call's return address (" +
                  Twine(G.callOverhead()) + ") and " +
                  Twine(T[0].Size - G.callOverhead()) +
                  " bytes of the ftrace trampoline, where the tracer found "
                  "a copy of it")
                     .str();
      } else {
        R.Note = "the __fentry__ call the tracer measured from";
      }
    } else {
      R.Static = staticRowBytes(G, Nodes, R.Note);
    }
    if (I > 0)
      checkHop(G, Nodes, Index.lookup(T[I - 1].Function), T[I - 1].Function,
               R);
    if (R.EnteredWithoutCall && I > 1) {
      // The assembly below was entered by the hardware: its row may also
      // hold the error code the CPU pushed under the interrupted address.
      RowCheck &Below = C.Rows[I - 1];
      Below.Verdict = RowVerdict::NotCompared;
      Below.Static.reset();
      Below.EnteredByHardware = true;
      Below.Note = "entered by an exception or interrupt, not by a call: "
                   "the row may also hold what the CPU pushed (an error code)";
    }
    C.Rows.push_back(std::move(R));
  }
  judgeRows(C.Rows);

  StringMap<SmallVector<const EntryReport *, 1>> Entries;
  for (const EntryReport &E : Result.Entries)
    if (E.Stack == StackName)
      Entries[E.Function].push_back(&E);
  // The traced code's depth, at its hook's call: x86-64 counts row 0 as
  // the __fentry__ call's return address alone; on arm64 ftrace's call is
  // the traced function's first instruction and pushes nothing.
  std::optional<uint64_t> Traced;
  if (Pushed && T.size() > 1)
    Traced = T[1].Depth + std::min(T[0].Size, G.callOverhead());
  else if (!Pushed && !T.empty() && T[0].Depth >= Arm64FtraceCallsiteSlot)
    Traced = T[0].Depth - Arm64FtraceCallsiteSlot;
  for (size_t K = 0; K < T.size(); ++K) {
    auto It = Entries.find(T[K].Function);
    if (It == Entries.end() || (Pushed && K + 1 == T.size()))
      continue;
    EntryCheck E;
    E.Function = T[K].Function;
    E.Row = K;
    for (const EntryReport *ER : It->second) {
      if (E.Class.empty() || ER->Bytes > E.Bound)
        E.Class = ER->Class;
      E.Bound = std::max(E.Bound, ER->Bytes);
      E.BoundUnknown |= ER->Unknown;
    }
    E.EnteredByHardware = C.Rows[K].EnteredByHardware;
    // From the call into the entry (its return address counted as the
    // call overhead, as EntryReport::Bytes does) down to the traced
    // function's hook. Below an exception or interrupt entered inside the
    // entry's path, the stack is another entry's: count down to the call
    // into the interrupted function only (a lower bound of the entry's own
    // use).
    std::string Why;
    std::optional<uint64_t> Top = BeforeCall(K, Why);
    std::optional<uint64_t> Bottom = Traced;
    for (size_t J = K + 1; J-- > 0;)
      if (C.Rows[J].EnteredWithoutCall) {
        std::optional<uint64_t> AtCall = BeforeCall(J, Why);
        Bottom = AtCall ? std::optional<uint64_t>(*AtCall + G.callOverhead())
                        : std::nullopt;
        E.Interrupted = T[J].Function;
        break;
      }
    if (Top && Bottom && *Bottom >= *Top)
      E.Observed = *Bottom - *Top;
    else
      E.NotPlaced = Why.empty() ? "the trace does not place its call" : Why;
    E.Above = E.NotPlaced.empty() && !E.BoundUnknown && !E.EnteredByHardware &&
              E.Observed > E.Bound;
    C.Entries.push_back(std::move(E));
  }

  StackCheck &S = C.Stack;
  S.Report = *Stack;
  S.TracerMax = Obs.TracerMax;
  if (!S.TracerMax && !T.empty())
    S.TracerMax = T.front().Depth;
  S.TracedDepth = Traced ? Traced : S.TracerMax;
  for (const StackDepthRecord &D : Obs.DepthRecords)
    if (!S.Deepest || D.BytesLeft < S.Deepest->BytesLeft)
      S.Deepest = D;
  std::optional<uint64_t> Proven = Stack->smallestProven();
  S.Above = Proven && S.observed() > *Proven;
  return C;
}

static void printRatio(uint64_t Static, uint64_t Observed, raw_ostream &OS) {
  if (Observed)
    OS << " (static/observed "
       << format("%.2f", static_cast<double>(Static) / Observed) << ")";
}

void printRuntimeCrossCheck(const RuntimeCrossCheck &C, raw_ostream &OS) {
  if (!C.Rows.empty()) {
    OS << "stack tracer's deepest trace: " << C.Rows.size() << " rows, "
       << C.Rows.front().Row.Depth << " bytes of the "
       << C.Stack.Report.Size << "-byte '" << C.Stack.Report.Name
       << "' stack\n";
    OS << "  row   depth   size  static  function\n";
    unsigned Counts[6] = {};
    unsigned Missing = 0;
    for (size_t I = 0; I < C.Rows.size(); ++I) {
      const RowCheck &R = C.Rows[I];
      ++Counts[static_cast<unsigned>(R.Verdict)];
      Missing += R.MissingCall;
      OS << format("  %3zu %7llu %6llu ", I,
                   static_cast<unsigned long long>(R.Row.Depth),
                   static_cast<unsigned long long>(R.Row.Size));
      if (R.Static)
        OS << format("%7llu", static_cast<unsigned long long>(*R.Static));
      else
        OS << "      -";
      OS << "  " << R.Row.Function;
      if (R.Row.Length)
        OS << "+0x" << utohexstr(R.Row.Offset, true) << "/0x"
           << utohexstr(R.Row.Length, true);
      if (!R.Row.Module.empty())
        OS << " [" << R.Row.Module << "]";
      OS << ": " << rowVerdictName(R.Verdict);
      if (R.Verdict == RowVerdict::Above)
        OS << " by " << R.Row.Size - *R.Static << " bytes";
      if (R.MissingCall)
        OS << "; MISSING CALL";
      if (!R.Note.empty())
        OS << "; " << R.Note;
      OS << "\n";
    }
    OS << "rows: " << Counts[unsigned(RowVerdict::Fits)] << " fit, "
       << Counts[unsigned(RowVerdict::ShiftedFromBelow)]
       << " shifted from below, " << Counts[unsigned(RowVerdict::Above)]
       << " above their frame, " << Counts[unsigned(RowVerdict::NotCompared)]
       << " not compared, " << Missing << " calls the graph does not have\n";
  }

  if (!C.Entries.empty()) {
    OS << "entries on the trace:\n";
    for (const EntryCheck &E : C.Entries) {
      OS << "  " << E.Function;
      if (!E.Class.empty())
        OS << " (" << E.Class << ")";
      OS << ", row " << E.Row;
      if (!E.NotPlaced.empty()) {
        OS << ": not compared: " << E.NotPlaced << "\n";
        continue;
      }
      OS << ": observed " << E.Observed << " bytes";
      if (!E.Interrupted.empty())
        OS << " down to the call into '" << E.Interrupted
           << "', where an exception or interrupt came in";
      OS << ", ";
      if (E.BoundUnknown) {
        OS << "bound unknown (at least " << E.Bound << ")\n";
        continue;
      }
      if (E.EnteredByHardware) {
        OS << "bound " << E.Bound
           << ", not compared: entered by the hardware, the bytes may "
              "include what the CPU pushed\n";
        continue;
      }
      OS << "bound " << E.Bound;
      printRatio(E.Bound, E.Observed, OS);
      OS << (E.Above ? ": ABOVE THE BOUND\n" : "\n");
    }
  }

  const StackCheck &S = C.Stack;
  const StackReport &Stack = S.Report;
  OS << "stack '" << Stack.Name << "' (" << Stack.Size
     << " bytes): observed maximum " << S.observed();
  if (S.TracerMax) {
    OS << "; stack tracer " << *S.TracerMax;
    if (S.TracedDepth && *S.TracedDepth != *S.TracerMax)
      OS << " (" << *S.TracedDepth
         << (C.Layout == TracerLayout::PushedReturnAddress
                 ? " without the tracer's bytes in row 0)"
                 : " where the traced function was entered; the rest is "
                   "ftrace_caller's)");
  }
  if (S.Deepest)
    OS << "; greatest depth "
       << Stack.Size - std::min(Stack.Size, S.Deepest->BytesLeft) << " ('"
       << S.Deepest->Command << "' (" << S.Deepest->Pid << ") left "
       << S.Deepest->BytesLeft << ")";
  OS << "\n  proven need: ";
  if (std::optional<uint64_t> Proven = Stack.smallestProven()) {
    OS << *Proven;
    printRatio(*Proven, S.observed(), OS);
    OS << (S.Above ? ": OBSERVED ABOVE THE PROVEN NEED\n" : "\n");
  } else if (!Stack.Tally.Entries) {
    OS << "none (no entry runs on this stack)\n";
  } else if (Stack.Tally.Unknown) {
    OS << "unknown (" << Stack.Tally.Unknown << " of " << Stack.Tally.Entries
       << " entries have no finite bound)\n";
  } else {
    OS << "unknown (entries of class '" << Stack.NestingClass
       << "' can begin on top of the others, without a bound)\n";
  }
  unsigned F = C.failures();
  OS << "result: " << F << (F == 1 ? " observation" : " observations")
     << " above a bound\n";
}

} // namespace stackbudget
