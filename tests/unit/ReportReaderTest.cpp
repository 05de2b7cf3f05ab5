//===- ReportReaderTest.cpp -----------------------------------------------===//
//
// The reader is the inverse of writeJSONReport(): a result with every field
// set survives write -> read -> write byte for byte, and bad reports give
// errors that name the file and the JSON path.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/ParallelWork.h"
#include "stackbudget/Report.h"
#include "stackbudget/ReportReader.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"

#include "gtest/gtest.h"

using namespace stackbudget;
using namespace llvm;

static std::string messageOf(Error E) {
  return E ? toString(std::move(E)) : std::string();
}

static std::string toJSON(const CheckResult &R) {
  std::string S;
  raw_string_ostream OS(S);
  writeJSONReport(OS, R);
  return S;
}

/// Every field differs from its default, so a field the reader forgets
/// changes the rewritten text.
static CheckResult sampleResult() {
  CheckResult R;
  R.ProfilePath = "annotations/p.yaml";
  R.CallOverhead = 8;
  StackReport S;
  S.Name = "task";
  S.Size = 16384;
  S.Reserved = {{168, "pt_regs"}};
  S.Budget = 16216;
  S.Tally.Entries = 2;
  S.Tally.OverBudget = 1;
  S.Tally.Unknown = 1;
  S.Tally.WorstBytes = 17432;
  S.Tally.WorstUnknown = true;
  S.Tally.WorstEntry = "sys_foo";
  S.Tally.FiniteBytes = 904;
  S.Tally.FiniteEntry = "sys_bar";
  R.Stacks = {S};
  ClassReport Cls;
  Cls.Class = "syscall";
  Cls.Stack = "task";
  Cls.Budget = 16216;
  Cls.Tally = S.Tally;
  R.Classes = {Cls};

  HopReport Entry;
  Entry.Function = "sys_foo";
  Entry.TU = "drivers/foo.c";
  Entry.Loc = {"drivers/foo.c", 88, 5};
  Entry.Edge = HopEdge::Entry;
  Entry.Parts = {40, 8, 16, 24, 8, 24};
  Entry.CallOverhead = 8;
  Entry.Total = 128;
  HopReport Ind;
  Ind.Function = "nvme_queue_rq";
  Ind.TU = "drivers/nvme.c";
  Ind.Loc = {"drivers/nvme.c", 10, 1};
  Ind.Edge = HopEdge::IndirectCall;
  Ind.CallLoc = {"drivers/foo.c", 90, 3};
  Ind.Parts.Frame = 600;
  Ind.FrameUnknown = true;
  Ind.Recorder = RecorderKind::MachineCode;
  Ind.CallOverhead = 8;
  Ind.Total = 736;
  Ind.Candidates = 3;
  Ind.Via = "__x86_indirect_thunk_r11";
  Ind.Cycle = 0;
  Ind.CycleBytes = 40;
  PathReport P;
  P.Bytes = 17432;
  P.Unknown = true;
  P.Hops = {Entry, Ind};

  EntryReport E;
  E.Function = "sys_foo";
  E.TU = "drivers/foo.c";
  E.Loc = {"drivers/foo.c", 88, 5};
  E.Class = "syscall";
  E.Stack = "task";
  E.Budget = 16216;
  E.SourceBudget = true;
  E.Bytes = 17432;
  E.Unknown = true;
  E.OverBudget = true;
  E.Paths = {P};
  E.Unknowns = {0, 1};
  E.UnknownsTruncated = true;
  R.Entries = {E};

  FunctionReport F;
  F.Name = "sys_foo";
  F.TU = "drivers/foo.c";
  F.Origin = "vmlinux.o(foo.o)";
  F.Linkage = "weak";
  F.Loc = {"drivers/foo.c", 88, 5};
  F.HasFacts = false;
  F.Parts = {120, 16, 48, 32, 40, 64};
  F.FrameUnknown = true;
  F.Recorder = RecorderKind::IR;
  F.Depth = 17304;
  F.DepthUnknown = true;
  F.Cycle = 0;
  R.Functions = {F};

  CycleReport C;
  C.Id = 0;
  C.Members = {"a", "b"};
  C.MemberTUs = {"a.c", "b.c"};
  C.Loc = {"a.c", 1, 5};
  C.MemberBounds = {3, std::nullopt};
  C.TripBytes = 40;
  C.Method = CycleMethod::ClosedForm;
  C.Bytes = 120;
  C.Unknown = true;
  C.Unbounded = true;
  R.Cycles = {C};

  UnknownReport U;
  U.Kind = UnknownKind::NoCandidates;
  U.Function = "sys_foo";
  U.TU = "drivers/foo.c";
  U.Symbol = "ops->x";
  U.Message = "indirect call with no candidates";
  U.Loc = {"drivers/foo.c", 91, 7};
  R.Unknowns = {U};
  // A symbol without facts: no location of its own, pointed at its call.
  UnknownReport NoFacts;
  NoFacts.Kind = UnknownKind::NoFacts;
  NoFacts.Function = "memcpy";
  NoFacts.Message = "'memcpy' is not defined in the inputs";
  NoFacts.Caller = "sys_foo";
  NoFacts.CallSite = {"drivers/foo.c", 93, 3};
  R.Unknowns.push_back(NoFacts);

  FrameFinding &FF = R.FrameFindings.emplace_back();
  FF.Function = "sys_foo";
  FF.TU = "drivers/foo.c";
  FF.Loc = {"drivers/foo.c", 88, 5};
  FF.Frame = 2100;
  FF.Limit = 2048;
  R.NoTargetCalls = {{"sys_foo", "drivers/foo.c",
                       "indirect call resolved by field 'ops::hook' has no "
                       "target in the whole program",
                       {"drivers/foo.c", 92, 9}}};
  R.ClosedWorld = true;
  R.Summary = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  return R;
}

/// Text without \p Keys (each written once): a report of an older
/// version 1 writer.
static void eraseKeys(std::string &Text, std::initializer_list<StringRef> Keys) {
  for (StringRef Key : Keys) {
    size_t At = Text.find(Key.str());
    ASSERT_NE(At, std::string::npos) << Key.str();
    Text.erase(At, Key.size());
  }
}

TEST(ReportReaderTest, RoundTripIsByteIdentical) {
  std::string First = toJSON(sampleResult());
  Expected<CheckResult> R = parseJSONReport(First, "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  EXPECT_EQ(toJSON(*R), First);
  // Spot checks on fields that the text comparison could only see together.
  ASSERT_EQ(R->Entries.size(), 1u);
  ASSERT_EQ(R->Entries[0].Paths[0].Hops.size(), 2u);
  EXPECT_EQ(R->Entries[0].Paths[0].Hops[1].Cycle, std::optional<uint32_t>(0));
  EXPECT_FALSE(R->Entries[0].Paths[0].Hops[0].Cycle.has_value());
  EXPECT_FALSE(R->Entries[0].Paths[0].Hops[0].CallLoc.isValid());
  EXPECT_EQ(R->Cycles[0].MemberTUs[1], "b.c");
  EXPECT_EQ(R->Cycles[0].MemberBounds,
            (std::vector<std::optional<uint64_t>>{3, std::nullopt}));
  EXPECT_EQ(R->Cycles[0].Method, CycleMethod::ClosedForm);
  EXPECT_TRUE(R->Cycles[0].Unbounded);
  ASSERT_EQ(R->NoTargetCalls.size(), 1u);
  EXPECT_EQ(R->NoTargetCalls[0].Loc.Line, 92u);
  EXPECT_TRUE(R->ClosedWorld);
  EXPECT_EQ(R->Summary.NoTargetCalls, 11u);
  const HopReport &Hop = R->Entries[0].Paths[0].Hops[0];
  EXPECT_EQ(Hop.Parts, (FrameParts{40, 8, 16, 24, 8, 24}));
  EXPECT_TRUE(R->Entries[0].UnknownsTruncated);
  EXPECT_EQ(R->Entries[0].Unknowns, (std::vector<uint32_t>{0, 1}));
  ASSERT_EQ(R->Unknowns.size(), 2u);
  EXPECT_EQ(R->Unknowns[1].Caller, "sys_foo");
  EXPECT_EQ(R->Unknowns[1].CallSite.Line, 93u);
  EXPECT_TRUE(R->Unknowns[0].Caller.empty());
}

// Every key the writer writes has, somewhere in the sample's report, a
// value other than its default, so that the byte comparison above sees a
// key the reader drops. Defaults: null, false, 0, "" and [], except that
// indices ("cycle", "index", "id") default to null only and "has_facts" to
// true.
static void collectSetKeys(const json::Value &V, StringRef Key,
                           StringMap<bool> &Set) {
  bool IsSet = false;
  if (const json::Object *O = V.getAsObject()) {
    for (const auto &[K, Child] : *O)
      collectSetKeys(Child, K, Set);
    IsSet = !O->empty();
  } else if (const json::Array *A = V.getAsArray()) {
    for (const json::Value &Child : *A)
      collectSetKeys(Child, Key, Set);
    IsSet = !A->empty();
  } else if (std::optional<bool> B = V.getAsBoolean()) {
    IsSet = Key == "has_facts" ? !*B : *B;
  } else if (std::optional<int64_t> I = V.getAsInteger()) {
    IsSet = *I != 0 || Key == "cycle" || Key == "index" || Key == "id";
  } else if (std::optional<StringRef> S = V.getAsString()) {
    IsSet = !S->empty();
  }
  if (!Key.empty())
    Set[Key] |= IsSet;
}

TEST(ReportReaderTest, SampleSetsEveryKeyTheWriterWrites) {
  Expected<json::Value> V = json::parse(toJSON(sampleResult()));
  ASSERT_TRUE(static_cast<bool>(V)) << toString(V.takeError());
  StringMap<bool> Set;
  collectSetKeys(*V, "", Set);
  EXPECT_GT(Set.size(), 60u);
  for (const auto &KV : Set)
    EXPECT_TRUE(KV.second) << "the sample leaves '" << KV.first().str()
                           << "' at its default";
}

TEST(ReportReaderTest, ReportWithoutClosedWorldKeysReads) {
  CheckResult Old = sampleResult();
  Old.NoTargetCalls.clear();
  Old.ClosedWorld = false;
  Old.Summary.NoTargetCalls = 0;
  std::string Text = toJSON(Old);
  eraseKeys(Text, {"  \"closed_world\": false,\n",
                   "  \"no_target_calls\": [],\n",
                   ",\n    \"no_target_calls\": 0"});
  Expected<CheckResult> R = parseJSONReport(Text, "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  EXPECT_EQ(toJSON(*R), toJSON(Old));
}

// Frames read from machine code were added within version 1: a report
// without them has every frame from a recorder of machine functions.
TEST(ReportReaderTest, ReportWithoutRecorderKeysReads) {
  CheckResult Old = sampleResult();
  Old.Entries[0].Paths[0].Hops[1].Recorder = RecorderKind::Machine;
  Old.Functions[0].Recorder = RecorderKind::Machine;
  Old.Summary.MachineCode = 0;
  std::string Text = toJSON(Old);
  eraseKeys(Text, {",\n    \"machine_code\": 0"});
  Expected<CheckResult> R = parseJSONReport(Text, "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  EXPECT_EQ(toJSON(*R), toJSON(Old));
  EXPECT_EQ(Text.find("\"recorder\""), std::string::npos);
}

TEST(ReportReaderTest, RecorderOfAHopIsRead) {
  Expected<CheckResult> R = parseJSONReport(toJSON(sampleResult()), "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  EXPECT_EQ(R->Entries[0].Paths[0].Hops[0].Recorder, RecorderKind::Machine);
  EXPECT_EQ(R->Entries[0].Paths[0].Hops[1].Recorder,
            RecorderKind::MachineCode);
  EXPECT_EQ(R->Functions[0].Recorder, RecorderKind::IR);
  EXPECT_EQ(R->Summary.MachineCode, 13u);
}

// Per-member bounds and the method were added within version 1: in a
// report without them a cycle is unbounded exactly when its max_depth is
// null.
TEST(ReportReaderTest, ReportWithoutPerMemberBoundsReads) {
  CheckResult Sample = sampleResult();
  Sample.Cycles[0].Unbounded = false; // as such a report would read it
  std::string Text = toJSON(Sample);
  eraseKeys(Text, {",\n          \"max_depth\": 3",
                   ",\n          \"max_depth\": null",
                   "      \"method\": \"closed-form\",\n",
                   ",\n      \"unbounded\": false"});
  Expected<CheckResult> R = parseJSONReport(Text, "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  ASSERT_EQ(R->Cycles.size(), 1u);
  EXPECT_FALSE(R->Cycles[0].Unbounded);
  EXPECT_FALSE(R->Cycles[0].Method);
  EXPECT_EQ(R->Cycles[0].MemberBounds.size(), 2u);
  EXPECT_FALSE(R->Cycles[0].MemberBounds[0].has_value());
}

// The writer renders the entries and functions on llvm::parallel's threads,
// 1024 at a time, and splices them in order (Report.cpp): more than one
// window of each reads back, and a loop or four threads write the same
// bytes.
TEST(ReportReaderTest, ManyEntriesWriteAlikeOnAnyNumberOfThreads) {
  CheckResult Big = sampleResult();
  EntryReport E = Big.Entries[0];
  FunctionReport F = Big.Functions[0];
  for (unsigned I = 1; I < 2500; ++I) {
    E.Function = "sys_" + std::to_string(I);
    Big.Entries.push_back(E);
    F.Name = "f" + std::to_string(I);
    Big.Functions.push_back(F);
  }
  std::string One = toJSON(Big);
  enableParallelWork();
  parallel::strategy = hardware_concurrency(4);
  std::string Four = toJSON(Big);
  parallel::strategy = hardware_concurrency();
  enableParallelWork(false);
  EXPECT_EQ(One, Four);
  Expected<CheckResult> R = parseJSONReport(Four, "big.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  ASSERT_EQ(R->Entries.size(), 2500u);
  EXPECT_EQ(R->Entries[2499].Function, "sys_2499");
  EXPECT_EQ(R->Functions[1024].Name, "f1024");
  EXPECT_EQ(toJSON(*R), Four);
}

TEST(ReportReaderTest, EmptyResultRoundTrips) {
  std::string First = toJSON(CheckResult());
  Expected<CheckResult> R = parseJSONReport(First, "r.json");
  ASSERT_TRUE(static_cast<bool>(R)) << toString(R.takeError());
  EXPECT_EQ(toJSON(*R), First);
}

TEST(ReportReaderTest, OtherVersionIsError) {
  // Version 1 listed each entry's unknowns with a caller of their own.
  EXPECT_EQ(messageOf(parseJSONReport("{\"version\": 1}", "r.json").takeError()),
            "r.json: report version 1 is not supported (this stackbudget "
            "reads version 2); rerun 'stackbudget check --json' with this "
            "version");
  EXPECT_EQ(messageOf(parseJSONReport("{\"version\": 3}", "r.json").takeError()),
            "r.json: report version 3 is not supported (this stackbudget "
            "reads version 2); rerun 'stackbudget check --json' with this "
            "version");
}

TEST(ReportReaderTest, MissingVersionIsError) {
  EXPECT_EQ(messageOf(parseJSONReport("{}", "r.json").takeError()),
            "r.json: not a stackbudget report (no integer 'version')");
}

TEST(ReportReaderTest, BadValueNamesJSONPath) {
  std::string Text = toJSON(sampleResult());
  size_t At = Text.find("\"frame\": 600");
  ASSERT_NE(At, std::string::npos);
  Text.replace(At, 12, "\"frame\": \"600\"");
  std::string Msg = messageOf(parseJSONReport(Text, "r.json").takeError());
  EXPECT_EQ(Msg, "r.json: expected uint64_t at "
                 "report.entries[0].paths[0].hops[1].frame");
}

TEST(ReportReaderTest, HopFrameThatIsNotTheSumOfItsPartsIsError) {
  // The entry hop: frame 120 = static_frame 40 + 8 + 16 + 24 + 8 + 24.
  std::string Text = toJSON(sampleResult());
  size_t At = Text.find("\"frame\": 120");
  ASSERT_NE(At, std::string::npos);
  Text.replace(At, 12, "\"frame\": 112");
  std::string Msg = messageOf(parseJSONReport(Text, "r.json").takeError());
  EXPECT_EQ(Msg, "r.json: not the sum of static_frame and the parts beyond "
                 "it at report.entries[0].paths[0].hops[0].frame");
}

TEST(ReportReaderTest, MissingKeyNamesJSONPath) {
  std::string Text = toJSON(sampleResult());
  size_t At = Text.find("\"why\": \"pt_regs\"");
  ASSERT_NE(At, std::string::npos);
  Text.replace(At, 16, "\"whx\": \"pt_regs\"");
  std::string Msg = messageOf(parseJSONReport(Text, "r.json").takeError());
  EXPECT_EQ(Msg, "r.json: missing value at report.stacks[0].reserved[0].why");
}

TEST(ReportReaderTest, OutOfRangeUnknownIndexIsError) {
  CheckResult R = sampleResult();
  R.Entries[0].Unknowns[0] = 5;
  std::string Msg = messageOf(parseJSONReport(toJSON(R), "r.json").takeError());
  EXPECT_EQ(Msg, "r.json: unknown index 5 out of range (2 unknowns) at "
                 "entries[0].unknowns[0]");
}

TEST(ReportReaderTest, SyntaxErrorNamesFile) {
  std::string Msg = messageOf(parseJSONReport("{\"version\": 1,", "r.json")
                                  .takeError());
  EXPECT_TRUE(StringRef(Msg).starts_with("r.json: ")) << Msg;
}

TEST(ReportReaderTest, MissingFileIsError) {
  std::string Msg =
      messageOf(readJSONReport("/nonexistent/r.json").takeError());
  EXPECT_EQ(Msg, "/nonexistent/r.json: No such file or directory");
}
