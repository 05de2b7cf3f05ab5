//===- Check.h - The whole-program stack check ----------------------------===//
//
// runCheck() joins the facts of a program into a call graph, computes the
// worst depth below every function, and checks the worst paths from every
// entry against the budget of each stack the entry runs on. The result is
// plain data, independent of the graph, for the printers in Report.h (GCC
// style diagnostics, JSON) and for any other consumer (the LTO pass inside
// ld.lld, SARIF, clang-tidy). Everything in it is sorted, so the same
// inputs always give the same result.
//
//   ReadResult R;                       // FactsReader.h
//   readFactsFile("vmlinux.o", R);
//   Expected<Profile> P = loadProfile("annotations/linux-x86_64-6.12.yaml");
//   Expected<CheckResult> C = runCheck(R, *P, CheckOptions());
//   printDiagnostics(errs(), *C, DiagnosticOptions());
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CHECK_H
#define STACKBUDGET_CHECK_H

#include "stackbudget/CallGraph.h"
#include "stackbudget/CheckPhases.h"
#include "stackbudget/CycleBound.h"
#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/FrameFinding.h"
#include "stackbudget/Profile.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

struct CheckOptions {
  /// How many distinct worst paths to report per entry and stack.
  unsigned TopPaths = 1;
  /// Overrides the profile's and the triple's call overhead.
  std::optional<uint64_t> CallOverhead;
  /// Optional resolver for indirect calls and annotated exclusions
  /// (CallGraph.h); without them indirect calls are typed only.
  IndirectResolverFn ResolveIndirect;
  ExclusionFn IsExcluded;
  /// Where the exact search of a cycle gives way to the closed form.
  CycleLimits Cycles;
  /// Optional; times the graph build and the path walk (CheckPhases.h).
  PhaseClock *Phases = nullptr;
};

/// How the previous hop of a reported path reached this one. The report
/// spells it with hopEdgeName(); the readers map the spelling back with the
/// same function, so the table below is the only list.
enum class HopEdge : uint8_t {
  Entry,
  Call,
  TailCall,
  IndirectCall,
  IndirectTailCall,
  AsmCall,
  AsmTailCall,
  /// The member a recursion leaves from.
  CycleExit,
};

/// "entry", "call", "tail-call", "indirect-call", "indirect-tail-call",
/// "asm-call", "asm-tail-call", "cycle-exit".
const char *hopEdgeName(HopEdge E);
/// Every HopEdge, in declaration order (for readers of the spelling).
llvm::ArrayRef<HopEdge> allHopEdges();
/// The edge by which a call of kind K reaches its callee.
HopEdge hopEdgeOf(EdgeKind K, bool IsTail);
/// The caller's frame is gone when the callee runs (tail-call, its
/// indirect and inline-asm forms).
bool isTailCall(HopEdge E);
/// The call is an inline-asm `call`/`jmp`.
bool isAsmCall(HopEdge E);
/// The call goes through a function pointer.
bool isIndirectCall(HopEdge E);

/// One function on a reported path.
struct HopReport {
  std::string Function;
  std::string TU;
  /// The function's definition (invalid for symbols without facts).
  SourceLoc Loc;
  /// How the previous hop reached this one.
  HopEdge Edge = HopEdge::Entry;
  /// The call site in the previous hop (invalid for entry / cycle-exit).
  SourceLoc CallLoc;
  /// The hop's own bytes (Parts.own()), part by part.
  FrameParts Parts;
  /// The hop's own bytes have an unknown part.
  bool FrameUnknown = false;
  /// Who gave a function's frame: its recorder, or the check's reading of
  /// its machine code (RecorderKind::MachineCode, "from machine code").
  /// Machine for symbols without facts and candidate sets.
  RecorderKind Recorder = RecorderKind::Machine;
  /// Bytes the call to this hop added (return address; 0 for tail calls).
  uint64_t CallOverhead = 0;
  /// Running total while this hop runs at its deepest.
  uint64_t Total = 0;
  /// Indirect hops: the number of candidates and the thunk, if any.
  uint32_t Candidates = 0;
  std::string Via;
  /// A hop that enters a cycle: its id, and the bytes the recursion adds
  /// (already included in Total of the following hops).
  std::optional<uint32_t> Cycle;
  uint64_t CycleBytes = 0;
};

struct PathReport {
  uint64_t Bytes = 0;
  /// Some hop of this path has an unknown part.
  bool Unknown = false;
  std::vector<HopReport> Hops;
};

struct UnknownReport {
  /// Spelled by unknownKindName() (CallGraph.h).
  UnknownKind Kind = UnknownKind::NoFacts;
  /// The function it belongs to (the caller for call-site unknowns).
  std::string Function;
  std::string TU;
  /// The symbol it is about, when not Function.
  std::string Symbol;
  std::string Message;
  SourceLoc Loc;
  /// For an unknown without a location (a symbol without facts): the first
  /// call of it in the graph, which a diagnostic points at instead; empty
  /// and invalid otherwise. The same for every entry that reaches it.
  std::string Caller;
  SourceLoc CallSite;
};

/// An indirect call with no target in the whole program (closed world):
/// informational; it adds nothing to any path and is no unknown.
struct NoTargetReport {
  /// The caller.
  std::string Function;
  std::string TU;
  /// How it was resolved: "indirect call resolved by field 'ops::cb' has
  /// no target in the whole program".
  std::string Message;
  SourceLoc Loc;
};

struct EntryReport {
  std::string Function;
  std::string TU;
  SourceLoc Loc;
  /// The entry class that made it an entry ("" for uncalled functions).
  std::string Class;
  /// The stack it runs on; "" for a function that is no entry but has a
  /// stack_budget(N) in source.
  std::string Stack;
  uint64_t Budget = 0;
  /// The budget is the function's stack_budget(N) from source (smaller than
  /// the stack's, or the function is no entry).
  bool SourceBudget = false;
  /// Worst total, call into the entry included.
  uint64_t Bytes = 0;
  bool Unknown = false;
  bool OverBudget = false;
  std::vector<PathReport> Paths;
  /// The unknowns below the entry, as indices into CheckResult::Unknowns,
  /// sorted; at most 64 (DepthAnalysis::MaxListedUnknowns),
  /// UnknownsTruncated when there are more.
  std::vector<uint32_t> Unknowns;
  bool UnknownsTruncated = false;
};

struct FunctionReport {
  std::string Name;
  std::string TU;
  std::string Origin;
  /// "global", "weak", "local"; "external" for symbols without facts.
  std::string Linkage;
  SourceLoc Loc;
  bool HasFacts = true;
  FrameParts Parts;
  bool FrameUnknown = false;
  /// As HopReport::Recorder.
  RecorderKind Recorder = RecorderKind::Machine;
  /// Worst depth below the function, its own bytes included.
  uint64_t Depth = 0;
  bool DepthUnknown = false;
  std::optional<uint32_t> Cycle;
};

struct CycleReport {
  uint32_t Id = 0;
  /// Member names (with their TU in MemberTUs), sorted.
  std::vector<std::string> Members;
  std::vector<std::string> MemberTUs;
  /// Where the first member is defined.
  SourceLoc Loc;
  /// Per member: its recursion bound ("active at most N times"), if any.
  std::vector<std::optional<uint64_t>> MemberBounds;
  /// Every member's heaviest call inside the cycle, summed (WorstPath.h).
  uint64_t TripBytes = 0;
  /// How the deepest walks were computed (CycleBound.h); none in a report
  /// written before the key existed.
  std::optional<CycleMethod> Method;
  /// The deepest member depth.
  uint64_t Bytes = 0;
  /// The bounds do not cut every cycle, or something below is unknown.
  bool Unknown = false;
  /// No bound cuts some cycle through the members.
  bool Unbounded = false;
};

/// How the entries of one stack, or of one entry class, came out.
struct EntryTally {
  uint32_t Entries = 0;
  uint32_t OverBudget = 0;
  uint32_t Unknown = 0;
  /// The worst entry total, unknowns or not.
  uint64_t WorstBytes = 0;
  bool WorstUnknown = false;
  std::string WorstEntry;
  /// The worst total of the entries with a finite bound (no unknown);
  /// empty entry when none has one.
  uint64_t FiniteBytes = 0;
  std::string FiniteEntry;

  void add(const EntryReport &E);
  uint32_t finite() const { return Entries - Unknown; }
};

struct StackReport {
  std::string Name;
  uint64_t Size = 0;
  std::vector<Reservation> Reserved;
  uint64_t Budget = 0;
  EntryTally Tally;
  /// The first class (by entry order) of the entries on this stack that can
  /// begin on top of the others (EntryClass::Nests); empty if none.
  std::string NestingClass;

  /// The smallest size of this stack proven sufficient for every entry on
  /// it: the worst entry total plus the reserved bytes. None while some
  /// entry's bound is unknown (a size that ignored it could be too small),
  /// while entries of a nesting class run on it (how many can pile up is
  /// not bounded), or when no entry runs on it.
  std::optional<uint64_t> smallestProven() const {
    if (!Tally.Entries || Tally.Unknown || !NestingClass.empty())
      return std::nullopt;
    return Tally.WorstBytes + (Size - Budget);
  }
};

/// The entries of one class of the profile on one stack.
struct ClassReport {
  std::string Class;
  std::string Stack;
  uint64_t Budget = 0;
  EntryTally Tally;
};

struct CheckSummary {
  uint32_t Functions = 0;
  uint32_t Externals = 0;
  uint32_t Edges = 0;
  uint32_t Entries = 0;
  uint32_t OverBudget = 0;
  uint32_t UnknownEntries = 0;
  uint32_t Cycles = 0;
  uint32_t UnboundedCycles = 0;
  uint32_t UnknownSources = 0;
  uint32_t FrameFindings = 0;
  /// Calls with no target in the whole program (closed world).
  uint32_t NoTargetCalls = 0;
  /// Bounded cycles whose walks got the closed form, not the exact search.
  uint32_t ClosedFormCycles = 0;
  /// Of Functions, those read from their machine code (MachineCodeFrames.h).
  uint32_t MachineCode = 0;
};

struct CheckResult {
  std::string ProfilePath;
  /// The inputs' target (the facts' triple); empty when they name none.
  std::string Triple;
  uint64_t CallOverhead = 0;
  std::vector<StackReport> Stacks;
  /// Sorted by class, then stack; entries of no class and no stack (a
  /// stack_budget(N) only) are in none.
  std::vector<ClassReport> Classes;
  /// Sorted by stack, then function, then TU.
  std::vector<EntryReport> Entries;
  /// Functions with facts and external symbols, sorted by name, then TU.
  std::vector<FunctionReport> Functions;
  std::vector<CycleReport> Cycles;
  std::vector<UnknownReport> Unknowns;
  std::vector<FrameFinding> FrameFindings;
  /// Sorted like Unknowns; empty unless ClosedWorld.
  std::vector<NoTargetReport> NoTargetCalls;
  /// The check assumed the inputs are the whole program (CheckSession.h).
  bool ClosedWorld = false;
  CheckSummary Summary;
};

/// Runs the check. Errors: conflicting definitions, an unknown call
/// overhead (no profile value and an unknown triple), stale recursion
/// bounds.
llvm::Expected<CheckResult> runCheck(const ReadResult &Input,
                                     const Profile &P,
                                     const CheckOptions &Opts);

} // namespace stackbudget

#endif // STACKBUDGET_CHECK_H
