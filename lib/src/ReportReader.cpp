//===- ReportReader.cpp - Read a JSON report back into a CheckResult -----===//
//
// One fromJSON per struct of Check.h, each mapping exactly the keys that
// writeJSONReport() writes (keys added within version 1 are optional);
// ObjectMapper reports a missing or mistyped key with its path from the
// root. The only key not read back is an unknown's "index", its position.
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 20
// Before llvm/Support/JSON.h: fromJSON(unsigned), which LLVM 19 lacks.
#include "stackbudget/JSONCompat.h"
#endif

#include "stackbudget/EnumJSON.h"
#include "stackbudget/ReportReader.h"
#include "stackbudget/Report.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace stackbudget {

// A location is an object or null (no location).
static bool fromJSON(const json::Value &V, SourceLoc &L, json::Path P) {
  L = SourceLoc();
  if (V.getAsNull())
    return true;
  json::ObjectMapper O(V, P);
  return O && O.map("file", L.File) && O.map("line", L.Line) &&
         O.map("column", L.Column);
}

// "recorder": absent (the MachineFunction recorder, or no facts) or a
// recorder's name. Read as a string: FactsFormat.cpp reads RecorderKind
// (refusing "machine-code" in facts), and two fromJSON of one type would
// make ObjectMapper::mapOptional<RecorderKind> mean two things.
static bool mapRecorder(json::ObjectMapper &O, RecorderKind &K,
                        json::Path P) {
  std::string Name;
  if (!O.mapOptional("recorder", Name))
    return false;
  if (Name.empty())
    return true;
  for (RecorderKind Each : {RecorderKind::Machine, RecorderKind::IR,
                            RecorderKind::MachineCode})
    if (Name == recorderKindName(Each)) {
      K = Each;
      return true;
    }
  P.field("recorder").report("expected \"ir\" or \"machine-code\"");
  return false;
}

static bool fromJSON(const json::Value &V, HopEdge &E, json::Path P) {
  return enumFromJSON<HopEdge>(V, E, P, allHopEdges(), hopEdgeName);
}

static bool fromJSON(const json::Value &V, UnknownKind &K, json::Path P) {
  return enumFromJSON<UnknownKind>(V, K, P, allUnknownKinds(),
                                   unknownKindName);
}

static bool fromJSON(const json::Value &V, CycleMethod &M, json::Path P) {
  return enumFromJSON<CycleMethod>(V, M, P, allCycleMethods(),
                                   cycleMethodName);
}

/// The parts beyond the frame, as writeBeyondFrame() and the report's
/// "dynamic_bound" spell them ("realign", "call_args" and "asm_stack" were
/// added within version 1).
static bool mapBeyondFrame(json::ObjectMapper &O, FrameParts &Parts) {
  return O.map("red_zone", Parts.RedZone) &&
         O.mapOptional("realign", Parts.Realign) &&
         O.mapOptional("call_args", Parts.CallArgs) &&
         O.mapOptional("asm_stack", Parts.AsmStack) &&
         O.map("dynamic_bound", Parts.DynamicBound);
}

static bool fromJSON(const json::Value &V, HopReport &H, json::Path P) {
  json::ObjectMapper O(V, P);
  uint64_t Own = 0;
  if (!(O && O.map("function", H.Function) && O.map("tu", H.TU) &&
        O.map("loc", H.Loc) && O.map("edge", H.Edge) &&
        O.map("call_loc", H.CallLoc) && O.map("frame", Own) &&
        O.map("static_frame", H.Parts.Frame) && mapBeyondFrame(O, H.Parts)))
    return false;
  // A hop's frame is its own bytes; a report whose parts do not add up to
  // it was not written by stackbudget.
  if (Own != H.Parts.own()) {
    P.field("frame").report("not the sum of static_frame and the parts "
                            "beyond it");
    return false;
  }
  return O.map("frame_unknown", H.FrameUnknown) &&
         mapRecorder(O, H.Recorder, P) &&
         O.map("call_overhead", H.CallOverhead) && O.map("total", H.Total) &&
         O.map("candidates", H.Candidates) && O.map("via", H.Via) &&
         O.map("cycle", H.Cycle) && O.map("cycle_bytes", H.CycleBytes);
}

static bool fromJSON(const json::Value &V, PathReport &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("bytes", R.Bytes) && O.map("unknown", R.Unknown) &&
         O.map("hops", R.Hops);
}

static bool fromJSON(const json::Value &V, EntryReport &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("function", E.Function) && O.map("tu", E.TU) &&
         O.map("loc", E.Loc) && O.map("class", E.Class) &&
         O.map("stack", E.Stack) && O.map("budget", E.Budget) &&
         O.map("source_budget", E.SourceBudget) && O.map("bytes", E.Bytes) &&
         O.map("unknown", E.Unknown) && O.map("over_budget", E.OverBudget) &&
         O.map("paths", E.Paths) &&
         O.map("unknowns_truncated", E.UnknownsTruncated) &&
         O.map("unknowns", E.Unknowns);
}

static bool fromJSON(const json::Value &V, FunctionReport &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("name", F.Name) && O.map("tu", F.TU) &&
         O.map("origin", F.Origin) && O.map("linkage", F.Linkage) &&
         O.map("loc", F.Loc) && O.map("has_facts", F.HasFacts) &&
         O.map("frame", F.Parts.Frame) && mapBeyondFrame(O, F.Parts) &&
         O.map("frame_unknown", F.FrameUnknown) &&
         mapRecorder(O, F.Recorder, P) && O.map("depth", F.Depth) &&
         O.map("depth_unknown", F.DepthUnknown) && O.map("cycle", F.Cycle);
}

namespace {
struct CycleMember {
  std::string Function;
  std::string TU;
  std::optional<uint64_t> MaxDepth;
};

// In the member's namespace, where argument-dependent lookup from
// json's vector deserializer finds it.
bool fromJSON(const json::Value &V, CycleMember &M, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("function", M.Function) && O.map("tu", M.TU) &&
         O.mapOptional("max_depth", M.MaxDepth);
}
} // namespace

static bool fromJSON(const json::Value &V, CycleReport &C, json::Path P) {
  json::ObjectMapper O(V, P);
  std::vector<CycleMember> Members;
  // "max_depth" of the cycle is the largest member bound; a report from
  // before per-member bounds is unbounded exactly when it is null.
  std::optional<uint64_t> Largest;
  std::optional<bool> Unbounded;
  if (!(O && O.map("id", C.Id) && O.map("members", Members) &&
        O.map("loc", C.Loc) && O.map("trip_bytes", C.TripBytes) &&
        O.map("max_depth", Largest) && O.mapOptional("method", C.Method) &&
        O.map("bytes", C.Bytes) && O.map("unknown", C.Unknown) &&
        O.mapOptional("unbounded", Unbounded)))
    return false;
  C.Unbounded = Unbounded.value_or(!Largest);
  for (CycleMember &M : Members) {
    C.Members.push_back(std::move(M.Function));
    C.MemberTUs.push_back(std::move(M.TU));
    C.MemberBounds.push_back(M.MaxDepth);
  }
  return true;
}

static bool fromJSON(const json::Value &V, UnknownReport &U, json::Path P) {
  json::ObjectMapper O(V, P);
  // "index" is the position in the array, written for people reading the
  // file; the reader keeps the position.
  return O && O.map("kind", U.Kind) && O.map("function", U.Function) &&
         O.map("tu", U.TU) && O.map("symbol", U.Symbol) &&
         O.map("message", U.Message) && O.map("loc", U.Loc) &&
         O.map("caller", U.Caller) && O.map("call_site", U.CallSite);
}

static bool fromJSON(const json::Value &V, NoTargetReport &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("function", T.Function) && O.map("tu", T.TU) &&
         O.map("message", T.Message) && O.map("loc", T.Loc);
}

static bool fromJSON(const json::Value &V, FrameFinding &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("function", F.Function) && O.map("tu", F.TU) &&
         O.map("loc", F.Loc) && O.map("frame", F.Frame) &&
         O.map("limit", F.Limit);
}

static bool fromJSON(const json::Value &V, Reservation &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("bytes", R.Bytes) && O.map("why", R.Why);
}

/// The tally keys of a stack or class object.
static bool mapTally(json::ObjectMapper &O, EntryTally &T) {
  return O.map("entries", T.Entries) && O.map("over_budget", T.OverBudget) &&
         O.map("unknown", T.Unknown) && O.map("worst_entry", T.WorstEntry) &&
         O.map("worst_bytes", T.WorstBytes) &&
         O.map("worst_unknown", T.WorstUnknown) &&
         O.mapOptional("finite_worst_entry", T.FiniteEntry) &&
         O.mapOptional("finite_worst_bytes", T.FiniteBytes);
}

// smallest_proven is derived (StackReport::smallestProven()), not read.
static bool fromJSON(const json::Value &V, StackReport &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("name", S.Name) && O.map("size", S.Size) &&
         O.map("reserved", S.Reserved) && O.map("budget", S.Budget) &&
         O.mapOptional("nesting_class", S.NestingClass) &&
         mapTally(O, S.Tally);
}

static bool fromJSON(const json::Value &V, ClassReport &C, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("class", C.Class) && O.map("stack", C.Stack) &&
         O.map("budget", C.Budget) && mapTally(O, C.Tally);
}

static bool fromJSON(const json::Value &V, CheckSummary &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("functions", S.Functions) &&
         O.mapOptional("machine_code", S.MachineCode) &&
         O.map("externals", S.Externals) && O.map("edges", S.Edges) &&
         O.map("entries", S.Entries) && O.map("over_budget", S.OverBudget) &&
         O.map("unknown_entries", S.UnknownEntries) &&
         O.map("cycles", S.Cycles) &&
         O.map("unbounded_cycles", S.UnboundedCycles) &&
         O.mapOptional("closed_form_cycles", S.ClosedFormCycles) &&
         O.map("unknown_sources", S.UnknownSources) &&
         O.map("frame_findings", S.FrameFindings) &&
         O.mapOptional("no_target_calls", S.NoTargetCalls);
}

static bool fromJSON(const json::Value &V, CheckResult &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("profile", R.ProfilePath) &&
         O.map("call_overhead", R.CallOverhead) && O.map("stacks", R.Stacks) &&
         O.mapOptional("classes", R.Classes) &&
         O.map("entries", R.Entries) && O.map("functions", R.Functions) &&
         O.map("cycles", R.Cycles) && O.map("unknowns", R.Unknowns) &&
         O.map("frame_findings", R.FrameFindings) &&
         O.mapOptional("closed_world", R.ClosedWorld) &&
         O.mapOptional("no_target_calls", R.NoTargetCalls) &&
         O.map("summary", R.Summary);
}

// Indices into other arrays must point inside them: a consumer indexes
// with them directly.
static Error checkIndices(const CheckResult &R, StringRef Name) {
  for (size_t E = 0; E < R.Entries.size(); ++E) {
    const EntryReport &Entry = R.Entries[E];
    for (size_t U = 0; U < Entry.Unknowns.size(); ++U)
      if (Entry.Unknowns[U] >= R.Unknowns.size())
        return createStringError(
            inconvertibleErrorCode(),
            "%s: unknown index %u out of range (%zu unknowns) at "
            "entries[%zu].unknowns[%zu]",
            Name.str().c_str(), Entry.Unknowns[U], R.Unknowns.size(), E,
            U);
    for (size_t PI = 0; PI < Entry.Paths.size(); ++PI)
      for (size_t H = 0; H < Entry.Paths[PI].Hops.size(); ++H) {
        const std::optional<uint32_t> &C = Entry.Paths[PI].Hops[H].Cycle;
        if (C && *C >= R.Cycles.size())
          return createStringError(
              inconvertibleErrorCode(),
              "%s: cycle index %u out of range (%zu cycles) at "
              "entries[%zu].paths[%zu].hops[%zu].cycle",
              Name.str().c_str(), *C, R.Cycles.size(), E, PI, H);
      }
  }
  return Error::success();
}

Expected<CheckResult> parseJSONReport(StringRef Text, StringRef Name) {
  Expected<json::Value> V = json::parse(Text);
  if (!V)
    return createStringError(inconvertibleErrorCode(), "%s: %s",
                             Name.str().c_str(),
                             toString(V.takeError()).c_str());
  const json::Object *Root = V->getAsObject();
  if (!Root)
    return createStringError(inconvertibleErrorCode(),
                             "%s: not a stackbudget report (expected a JSON "
                             "object)",
                             Name.str().c_str());
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version)
    return createStringError(inconvertibleErrorCode(),
                             "%s: not a stackbudget report (no integer "
                             "'version')",
                             Name.str().c_str());
  if (*Version != ReportVersion)
    return createStringError(
        inconvertibleErrorCode(),
        "%s: report version %lld is not supported (this stackbudget reads "
        "version %u); rerun 'stackbudget check --json' with this version",
        Name.str().c_str(), static_cast<long long>(*Version), ReportVersion);

  CheckResult R;
  json::Path::Root PathRoot("report");
  if (!fromJSON(*V, R, PathRoot))
    return createStringError(inconvertibleErrorCode(), "%s: %s",
                             Name.str().c_str(),
                             toString(PathRoot.getError()).c_str());
  if (Error E = checkIndices(R, Name))
    return std::move(E);
  return R;
}

Expected<CheckResult> readJSONReport(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/true);
  if (!Buf)
    return createStringError(Buf.getError(), "%s: %s", Path.str().c_str(),
                             Buf.getError().message().c_str());
  return parseJSONReport((*Buf)->getBuffer(), Path);
}

} // namespace stackbudget
