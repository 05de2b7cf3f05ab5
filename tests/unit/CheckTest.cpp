//===- CheckTest.cpp - Call graph, worst paths and the check on hand facts ===//
//
// Programs are built from facts directly (no compiler), so every number
// below is a hand sum of the frames written here. Call overhead is 8.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/CallGraph.h"
#include "stackbudget/Check.h"
#include "stackbudget/Profile.h"
#include "stackbudget/Report.h"
#include "stackbudget/WorstPath.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/thread.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace stackbudget;

namespace {

/// The error message of \p E, or "success".
template <typename T> std::string errorOf(Expected<T> &E) {
  if (E)
    return "success";
  return toString(E.takeError());
}

#define EXPECT_SUCCESS(E) EXPECT_EQ(errorOf(E), "success")
#define ASSERT_SUCCESS(E) ASSERT_EQ(errorOf(E), "success")

CallFact call(StringRef Callee, bool Tail = false) {
  CallFact C;
  C.Kind = CallKind::Direct;
  C.Callee = Callee.str();
  C.IsTail = Tail;
  return C;
}

CallFact indirect(uint32_t Sig, std::optional<uint32_t> Kcfi = {},
                  StringRef Via = "") {
  CallFact C;
  C.Kind = CallKind::Indirect;
  C.editDetails().SignatureIds = {Sig};
  if (Kcfi)
    C.editDetails().CTypeIds = {*Kcfi};
  C.editDetails().Via = Via.str();
  return C;
}

FunctionFacts fn(StringRef Name, uint64_t Frame, std::vector<CallFact> Calls,
                 StringRef TU = "a.c", Linkage L = Linkage::Global) {
  FunctionFacts F;
  F.Name = Name.str();
  F.TU = TU.str();
  F.Link = L;
  F.Parts.Frame = Frame;
  F.Calls = std::move(Calls);
  F.Loc = {TU.str(), 1, 1};
  return F;
}

struct Program {
  ReadResult R;
  ObjectFacts &object(StringRef Origin) {
    R.Objects.emplace_back();
    R.Objects.back().Origin = Origin.str();
    R.Inventory.emplace_back();
    R.Inventory.back().Origin = Origin.str();
    R.Inventory.back().HasFactsSection = true;
    return R.Objects.back();
  }
};

CallGraphOptions opts() {
  CallGraphOptions O;
  O.CallOverhead = 8;
  return O;
}

struct Analyzed {
  std::unique_ptr<CallGraph> G;
  std::unique_ptr<DepthAnalysis> A;
};

Analyzed analyze(const ReadResult &R, const Profile &P = defaultProfile(16384)) {
  Expected<CallGraph> G = CallGraph::build(R, P, opts());
  EXPECT_SUCCESS(G);
  Analyzed Out;
  Out.G = std::make_unique<CallGraph>(std::move(*G));
  Expected<DepthAnalysis> A = DepthAnalysis::run(*Out.G, P.Recursion);
  EXPECT_SUCCESS(A);
  Out.A = std::make_unique<DepthAnalysis>(std::move(*A));
  return Out;
}

StackUsage depthOf(const Analyzed &X, StringRef Name, StringRef TU = "") {
  NodeId N = X.G->find(Name, TU);
  EXPECT_NE(N, InvalidNode) << Name.str();
  return X.A->depth(N);
}

TEST(CallGraphTest, ChainAddsFramesAndReturnAddresses) {
  Program P;
  P.object("a.o").Functions = {fn("a", 100, {call("b")}),
                               fn("b", 50, {call("c")}), fn("c", 10, {})};
  Analyzed X = analyze(P.R);
  // 100 + 8 + 50 + 8 + 10
  EXPECT_EQ(depthOf(X, "a").Bytes, 176u);
  EXPECT_FALSE(depthOf(X, "a").Unknown);
}

TEST(CallGraphTest, TailCallReplacesFrame) {
  Program P;
  P.object("a.o").Functions = {fn("a", 100, {call("b", /*Tail=*/true)}),
                               fn("b", 300, {}), fn("s", 400, {call("t", true)}),
                               fn("t", 20, {})};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "a").Bytes, 300u); // max(100, 300)
  EXPECT_EQ(depthOf(X, "s").Bytes, 400u); // max(400, 20)
}

TEST(CallGraphTest, StaticFunctionsOfEqualNameStayInTheirTU) {
  Program P;
  ObjectFacts &O = P.object("a.o");
  O.Functions = {fn("x", 10, {call("helper")}, "x.c"),
                 fn("helper", 1000, {}, "x.c", Linkage::Local)};
  ObjectFacts &O2 = P.object("b.o");
  O2.Functions = {fn("y", 10, {call("helper")}, "y.c"),
                  fn("helper", 20, {}, "y.c", Linkage::Local)};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "x").Bytes, 10u + 8 + 1000);
  EXPECT_EQ(depthOf(X, "y").Bytes, 10u + 8 + 20);
}

/// A function read from machine code (MachineCodeFrames.h).
FunctionFacts machineCode(StringRef Name, uint64_t Frame,
                          std::vector<CallFact> Calls, StringRef TU = "s.o",
                          Linkage L = Linkage::Global) {
  FunctionFacts F = fn(Name, Frame, std::move(Calls), TU, L);
  F.Recorder = RecorderKind::MachineCode;
  F.Loc = SourceLoc();
  return F;
}

TEST(CallGraphTest, MachineCodeFrameEntersLikeFacts) {
  Program P;
  P.object("a.o").Functions = {fn("c", 16, {call("asm_f")})};
  P.object("s.o").Functions = {machineCode("asm_f", 24, {call("c_leaf")})};
  P.object("b.o").Functions = {fn("c_leaf", 40, {}, "b.c")};
  Analyzed X = analyze(P.R);
  // 16 + 8 + 24 + 8 + 40
  EXPECT_EQ(depthOf(X, "c").Bytes, 96u);
  EXPECT_FALSE(depthOf(X, "c").Unknown);
  EXPECT_EQ(X.G->node(X.G->find("asm_f")).Recorder, RecorderKind::MachineCode);
  EXPECT_EQ(X.G->node(X.G->find("c")).Recorder, RecorderKind::Machine);
}

TEST(CallGraphTest, ProfileFrameWinsOverMachineCode) {
  Program P;
  P.object("a.o").Functions = {fn("c", 16, {call("asm_f")})};
  P.object("s.o").Functions = {machineCode("asm_f", 24, {call("c_leaf")})};
  P.object("b.o").Functions = {fn("c_leaf", 40, {}, "b.c")};
  Profile Pr = defaultProfile(16384);
  Pr.Frames.push_back({"asm_f", 100, "measured", {}});
  Analyzed X = analyze(P.R, Pr);
  // 16 + 8 + 100: the profile's frame is all of asm_f, its calls included.
  EXPECT_EQ(depthOf(X, "c").Bytes, 124u);
  const Node &N = X.G->node(X.G->find("asm_f"));
  EXPECT_EQ(N.Kind, NodeKind::External);
  EXPECT_TRUE(X.G->edges(X.G->find("asm_f")).empty());
}

TEST(CallGraphTest, MachineCodeFrameUnknownIsItsOwnKind) {
  Program P;
  FunctionFacts F = machineCode("switch_asm", 48, {});
  F.FrameUnknown = "stack pointer computed by 'movq 8(%rsi), %rsp' at "
                   "switch_asm+0x9";
  P.object("s.o").Functions = {F};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "switch_asm").Bytes, 48u);
  EXPECT_TRUE(depthOf(X, "switch_asm").Unknown);
  ASSERT_EQ(X.G->unknowns().size(), 1u);
  EXPECT_EQ(X.G->unknowns()[0].Kind, UnknownKind::MachineCode);
  EXPECT_EQ(X.G->unknowns()[0].Message,
            "'switch_asm' is defined in s.o without facts and its machine "
            "code cannot be followed: stack pointer computed by 'movq "
            "8(%rsi), %rsp' at switch_asm+0x9; the profile gives no frame");
}

// An `ld -r` output says which file a local symbol belongs to but not a
// global one: a call from a global function read from machine code names
// the TU of its local callee.
TEST(CallGraphTest, MachineCodeCallToLocalNamesItsTU) {
  Program P;
  CallFact ToLocal = call("regs", /*Tail=*/true);
  ToLocal.editDetails().CalleeTU = "copy_page_64.S";
  P.object("vmlinux.o").Functions = {
      machineCode("copy_page", 0, {ToLocal}, "vmlinux.o"),
      machineCode("regs", 16, {}, "copy_page_64.S", Linkage::Local),
      machineCode("regs", 200, {}, "other.S", Linkage::Local)};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "copy_page").Bytes, 16u);
  EXPECT_FALSE(depthOf(X, "copy_page").Unknown);
}

TEST(CallGraphTest, StrongDefinitionBeatsWeak) {
  Program P;
  P.object("weak.o").Functions = {
      fn("hook", 900, {}, "weak.c", Linkage::Weak),
      fn("caller", 10, {call("hook")}, "weak.c")};
  P.object("strong.o").Functions = {fn("hook", 30, {}, "strong.c")};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u + 8 + 30);
}

TEST(CallGraphTest, TwoStrongDefinitionsAreAnErrorNamingBoth) {
  Program P;
  P.object("one.o").Functions = {fn("f", 1, {}, "one.c")};
  P.object("two.o").Functions = {fn("f", 2, {}, "two.c")};
  Expected<CallGraph> G = CallGraph::build(P.R, defaultProfile(100), opts());
  EXPECT_EQ(errorOf(G), "duplicate symbol 'f': strong definitions in "
                       "one.o (one.c) and in two.o (two.c)");
}

TEST(CallGraphTest, AliasResolvesToAliasee) {
  Program P;
  ObjectFacts &O = P.object("a.o");
  O.Functions = {fn("impl", 70, {}), fn("user", 10, {call("alias")})};
  ModuleFacts M;
  M.TU = "a.c";
  M.Aliases = {{"alias", "impl", Linkage::Global}};
  O.Modules = {M};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "user").Bytes, 10u + 8 + 70);
  EXPECT_FALSE(depthOf(X, "user").Unknown);
}

TEST(CallGraphTest, CalleeWithoutFactsIsUnknownWithWhere) {
  Program P;
  P.object("a.o").Functions = {fn("f", 10, {call("asm_fn"), call("libc_fn")})};
  P.object("asm.o");
  P.R.Inventory.back().HasFactsSection = false;
  P.R.Inventory.back().FunctionsWithoutFacts = {"asm_fn"};
  Analyzed X = analyze(P.R);
  EXPECT_TRUE(depthOf(X, "f").Unknown);
  EXPECT_EQ(depthOf(X, "f").Bytes, 18u); // 10 + 8 + unknown
  std::vector<std::string> Msgs;
  for (const UnknownSource &U : X.A->unknowns())
    Msgs.push_back(U.Message);
  EXPECT_EQ(Msgs, (std::vector<std::string>{
                      "'asm_fn' is defined in asm.o without facts (assembly?) "
                      "and the profile gives no frame",
                      "'libc_fn' is not defined in the inputs and the profile "
                      "gives no frame"}));
}

TEST(CallGraphTest, ProfileFrameMakesExternalKnown) {
  Program P;
  P.object("a.o").Functions = {fn("f", 10, {call("memcpy")})};
  Profile Pr = defaultProfile(100);
  Pr.Frames.push_back({"mem*", 24, "leaf", {}});
  Analyzed X = analyze(P.R, Pr);
  EXPECT_FALSE(depthOf(X, "f").Unknown);
  EXPECT_EQ(depthOf(X, "f").Bytes, 10u + 8 + 24);
}

TEST(CallGraphTest, IndirectCallReachesAddressTakenFunctionsOfItsType) {
  Program P;
  FunctionFacts T1 = fn("t1", 100, {}), T2 = fn("t2", 500, {}),
                Other = fn("other", 5000, {});
  T1.AddressTaken = T2.AddressTaken = Other.AddressTaken = true;
  T1.SignatureId = T2.SignatureId = 7;
  Other.SignatureId = 9;
  P.object("a.o").Functions = {fn("caller", 10, {indirect(7)}), T1, T2, Other};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u + 8 + 500);
  EXPECT_FALSE(depthOf(X, "caller").Unknown);
}

TEST(CallGraphTest, CTypeIdDecidesWhenBothSidesHaveOne) {
  Program P;
  FunctionFacts T1 = fn("t1", 100, {}), T2 = fn("t2", 500, {});
  T1.AddressTaken = T2.AddressTaken = true;
  T1.SignatureId = T2.SignatureId = 7;
  T1.CTypeId = 0x11;
  T2.CTypeId = 0x22;
  P.object("a.o").Functions = {fn("caller", 10, {indirect(7, 0x11)}), T1, T2};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u + 8 + 100);
}

TEST(CallGraphTest, AddressTakenDeclarationInAnotherTUIsACandidate) {
  Program P;
  FunctionFacts T = fn("target", 300, {}, "t.c");
  T.SignatureId = 7; // its address is taken only in u.c
  P.object("t.o").Functions = {T};
  ObjectFacts &U = P.object("u.o");
  U.Functions = {fn("caller", 10, {indirect(7)}, "u.c")};
  ModuleFacts M;
  M.TU = "u.c";
  M.AddressTakenDecls = {{"target", 7, std::nullopt}};
  U.Modules = {M};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u + 8 + 300);
}

TEST(CallGraphTest, IndirectCallWithoutCandidateIsUnknown) {
  Program P;
  P.object("a.o").Functions = {fn("caller", 10, {indirect(7)})};
  Analyzed X = analyze(P.R);
  EXPECT_TRUE(depthOf(X, "caller").Unknown);
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u);
  ASSERT_EQ(X.A->unknowns().size(), 1u);
  EXPECT_EQ(X.A->unknowns()[0].Kind, UnknownKind::NoCandidates);
  EXPECT_EQ(X.A->unknowns()[0].Message,
            "indirect call of signature 0x00000007 has no address-taken "
            "candidate");
}

TEST(CallGraphTest, ThunkCostsItsProfileFrameOrOneReturnAddress) {
  Program P;
  FunctionFacts T = fn("t", 0, {});
  T.AddressTaken = true;
  T.SignatureId = 7;
  P.object("a.o").Functions = {
      fn("caller", 10, {indirect(7, {}, "__x86_indirect_thunk_rax")}), T};
  Analyzed X = analyze(P.R);
  // max(thunk 8, t 0) below the call.
  EXPECT_EQ(depthOf(X, "caller").Bytes, 10u + 8 + 8);
  Profile Pr = defaultProfile(100);
  Pr.Frames.push_back({"__x86_indirect_thunk_*", 16, "", {}});
  Analyzed Y = analyze(P.R, Pr);
  EXPECT_EQ(depthOf(Y, "caller").Bytes, 10u + 8 + 16);
}

TEST(CallGraphTest, AsmCallWithoutTargetIsUnknownAndWithTargetAnEdge) {
  Program P;
  CallFact Blind;
  Blind.Kind = CallKind::Asm;
  Blind.editDetails().Reason = "inline asm calls '*%rax'";
  CallFact Named;
  Named.Kind = CallKind::Asm;
  Named.Callee = "g";
  P.object("a.o").Functions = {fn("f", 10, {Named}), fn("g", 40, {}),
                               fn("h", 10, {Blind})};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "f").Bytes, 58u);
  EXPECT_FALSE(depthOf(X, "f").Unknown);
  EXPECT_TRUE(depthOf(X, "h").Unknown);
}

TEST(CallGraphTest, DynamicFrames) {
  Program P;
  FunctionFacts Bounded = fn("bounded", 32, {});
  Bounded.Parts.DynamicBound = 64;
  Bounded.Dynamic = DynamicFrame{""};
  FunctionFacts Unbounded = fn("unbounded", 32, {});
  Unbounded.Dynamic = DynamicFrame{"dynamic allocation in a loop"};
  P.object("a.o").Functions = {Bounded, Unbounded};
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "bounded").Bytes, 96u);
  EXPECT_FALSE(depthOf(X, "bounded").Unknown);
  EXPECT_EQ(depthOf(X, "unbounded").Bytes, 32u);
  EXPECT_TRUE(depthOf(X, "unbounded").Unknown);
}

// Code that calls cannot use the red zone (the call's return address would
// land in it), so it counts at the function's own peak and not under its
// calls; inline asm that calls is the exception the compiler cannot see.
TEST(CallGraphTest, RedZoneIsNotLiveUnderACall) {
  Program P;
  FunctionFacts Caller = fn("caller", 16, {call("callee")});
  Caller.Parts.RedZone = 128;
  FunctionFacts AsmCaller = fn("asm_caller", 16, {});
  AsmCaller.Parts.RedZone = 128;
  CallFact Asm;
  Asm.Kind = CallKind::Asm;
  Asm.Callee = "callee";
  AsmCaller.Calls.push_back(Asm);
  FunctionFacts Leaf = fn("lone", 16, {});
  Leaf.Parts.RedZone = 128;
  P.object("a.o").Functions = {Caller, AsmCaller, Leaf, fn("callee", 40, {})};
  Analyzed X = analyze(P.R);
  // max(16 + 128, 16 + 8 + 40)
  EXPECT_EQ(depthOf(X, "caller").Bytes, 144u);
  // 16 + 128 + 8 + 40
  EXPECT_EQ(depthOf(X, "asm_caller").Bytes, 192u);
  EXPECT_EQ(depthOf(X, "lone").Bytes, 144u);
}

TEST(CallGraphTest, RedZoneUnderACallThatNeedsMore) {
  Program P;
  FunctionFacts Caller = fn("caller", 16, {call("callee")});
  Caller.Parts.RedZone = 128;
  P.object("a.o").Functions = {Caller, fn("callee", 200, {})};
  Analyzed X = analyze(P.R);
  // max(16 + 128, 16 + 8 + 200)
  EXPECT_EQ(depthOf(X, "caller").Bytes, 224u);
}

TEST(WorstPathTest, UnboundedRecursionIsUnknownAndCountedOnce) {
  Program P;
  P.object("a.o").Functions = {fn("top", 10, {call("r")}),
                               fn("r", 100, {call("r"), call("leaf")}),
                               fn("leaf", 50, {})};
  Analyzed X = analyze(P.R);
  ASSERT_EQ(X.A->cycles().size(), 1u);
  EXPECT_EQ(X.A->cycles()[0].TripBytes, 108u);
  EXPECT_TRUE(depthOf(X, "r").Unknown);
  // N = 1: 1*108 - 108 + exit(r) = 100 + 8 + 50
  EXPECT_EQ(depthOf(X, "r").Bytes, 158u);
}

TEST(WorstPathTest, BoundedSelfRecursion) {
  Program P;
  P.object("a.o").Functions = {fn("r", 100, {call("r"), call("leaf")}),
                               fn("leaf", 50, {})};
  Profile Pr = defaultProfile(100000);
  Pr.Recursion.push_back({"r", 4, "", {}});
  Analyzed X = analyze(P.R, Pr);
  // Four activations of r, the last calls leaf: 3 * 108 + 100 + 8 + 50.
  EXPECT_EQ(depthOf(X, "r").Bytes, 3u * 108 + 158);
  EXPECT_FALSE(depthOf(X, "r").Unknown);
  EXPECT_EQ(X.A->cycles()[0].Bounds,
            (std::vector<std::optional<uint64_t>>{4}));
  EXPECT_EQ(X.A->cycles()[0].Method, CycleMethod::Exact);
}

TEST(WorstPathTest, BoundedMutualRecursion) {
  Program P;
  P.object("a.o").Functions = {fn("a", 100, {call("b")}),
                               fn("b", 200, {call("a", /*Tail=*/true),
                                             call("leaf")}),
                               fn("leaf", 1000, {})};
  Profile Pr = defaultProfile(100000);
  Pr.Recursion.push_back({"b", 2, "", {}});
  Analyzed X = analyze(P.R, Pr);
  // maxw(a) = 108, maxw(b) = 0 (tail call), trip = 108.
  // exit(a) = 100, exit(b) = 200 + 8 + 1000 = 1208.
  // depth = 2 * 108 + max(100 - 108, 1208 - 0) = 1424.
  EXPECT_EQ(X.A->cycles()[0].TripBytes, 108u);
  EXPECT_EQ(depthOf(X, "a").Bytes, 1424u);
}

TEST(WorstPathTest, EveryMemberHasItsOwnDepth) {
  Program P;
  P.object("a.o").Functions = {fn("ping", 56, {call("pong")}),
                               fn("pong", 216, {call("ping")})};
  Profile Pr = defaultProfile(100000);
  Pr.Recursion.push_back({"ping", 3, "", {}});
  Analyzed X = analyze(P.R, Pr);
  // From pong: pong ping pong ping pong ping pong = 3 * 224 + 3 * 64, + 216.
  EXPECT_EQ(depthOf(X, "pong").Bytes, 1080u);
  // From ping: ping pong ping pong ping pong = 2 * 224 + 3 * 64, + 216.
  EXPECT_EQ(depthOf(X, "ping").Bytes, 856u);
  EXPECT_FALSE(depthOf(X, "ping").Unknown);
  EXPECT_EQ(X.A->cycles()[0].Depth.Bytes, 1080u);
}

TEST(WorstPathTest, BoundsThatDoNotCutTheCycleAreUnknown) {
  Program P;
  P.object("a.o").Functions = {fn("a", 10, {call("b")}),
                               fn("b", 10, {call("c")}),
                               fn("c", 10, {call("a"), call("b")})};
  Profile Pr = defaultProfile(100000);
  Pr.Recursion.push_back({"a", 2, "", {}});
  Analyzed X = analyze(P.R, Pr);
  ASSERT_EQ(X.A->cycles().size(), 1u);
  const CycleInfo &C = X.A->cycles()[0];
  ASSERT_TRUE(C.UnboundedReason.has_value());
  EXPECT_EQ(X.A->unknowns()[*C.UnboundedReason].Message,
            "recursion through 'a', 'b', 'c' has no depth bound: no bound "
            "cuts the cycle 'b' -> 'c' -> 'b'");
  EXPECT_TRUE(depthOf(X, "a").Unknown);
  // a twice, b and c once: a b c a = 3 * 18, + 10.
  EXPECT_EQ(depthOf(X, "a").Bytes, 64u);
}

TEST(WorstPathTest, StaleRecursionBoundIsAnError) {
  Program P;
  P.object("a.o").Functions = {fn("f", 1, {})};
  Profile Pr = defaultProfile(100);
  Pr.Recursion.push_back({"f", 2, "", {"p.yaml", 3, 5}});
  Expected<CallGraph> G = CallGraph::build(P.R, Pr, opts());
  ASSERT_SUCCESS(G);
  Expected<DepthAnalysis> A = DepthAnalysis::run(*G, Pr.Recursion);
  EXPECT_EQ(errorOf(A), "p.yaml:3:5: error: stale recursion bound: 'f' is "
                        "in no cycle of the call graph");
}

TEST(WorstPathTest, TopPathsAreDistinctAndOrdered) {
  Program P;
  P.object("a.o").Functions = {fn("e", 10, {call("x"), call("y")}),
                               fn("x", 100, {call("z")}), fn("y", 60, {}),
                               fn("z", 30, {})};
  Analyzed X = analyze(P.R);
  NodeId E = X.G->find("e");
  std::vector<Path> Paths = X.A->worstPaths(E, 10, 8);
  std::vector<uint64_t> Totals;
  for (const Path &Pth : Paths)
    Totals.push_back(Pth.Total.Bytes);
  // e-x-z: 8+10+8+100+8+30; e-x: 8+10+8+100; e-y: 8+10+8+60; e: 18.
  EXPECT_EQ(Totals, (std::vector<uint64_t>{164, 126, 86, 18}));
  ASSERT_EQ(Paths[0].Steps.size(), 3u);
  EXPECT_EQ(X.G->node(Paths[0].Steps[2].Node).Name, "z");
  EXPECT_EQ(Paths[0].Steps[2].Total, 164u);
}

TEST(WorstPathTest, LongChainIsLinearAndDoesNotRecurse) {
  // 200k functions in one chain: a recursive walk would overflow our own
  // stack; scc_iterator and the component loop do not.
  Program P;
  ObjectFacts &O = P.object("a.o");
  constexpr unsigned N = 200000;
  for (unsigned I = 0; I < N; ++I)
    O.Functions.push_back(fn("f" + std::to_string(I), 1,
                             I + 1 < N ? std::vector<CallFact>{call(
                                             "f" + std::to_string(I + 1))}
                                       : std::vector<CallFact>{}));
  Analyzed X = analyze(P.R);
  EXPECT_EQ(depthOf(X, "f0").Bytes, uint64_t(N) + 8ull * (N - 1));
}

TEST(ProfileTest, ParsesStacksEntriesFramesAndRecursion) {
  StringRef Text = R"(version: 1
call_overhead: 8
frame_limit: 2048
stacks:
  - name: task
    size: 16384
    reserved:
      - bytes: 168
        why: "struct pt_regs"
  - name: irq
    size: 16384
entries:
  - class: syscall
    stack: task
    functions: ['__x64_sys_*']
frames:
  - function: memcpy
    frame: 0
recursion:
  - function: f
    max_depth: 3
)";
  Expected<Profile> P =
      parseProfile(MemoryBufferRef(Text, "p.yaml"));
  ASSERT_SUCCESS(P);
  EXPECT_EQ(P->Stacks.size(), 2u);
  EXPECT_EQ(P->Stacks[0].budget(), 16384u - 168);
  EXPECT_EQ(P->Entries[0].Loc.Line, 13u);
  EXPECT_EQ(P->Entries[0].Loc.Column, 5u);
  EXPECT_EQ(P->Recursion[0].MaxDepth, 3u);
  EXPECT_EQ(P->FrameLimit, 2048u);
}

TEST(ProfileTest, UnknownKeyIsAnErrorAtItsLine) {
  StringRef Text =
      "version: 1\nstacks:\n  - name: task\n    size: 4\n    sise: 4\n";
  Expected<Profile> P = parseProfile(MemoryBufferRef(Text, "p.yaml"));
  std::string Msg = errorOf(P);
  EXPECT_EQ(Msg.substr(0, Msg.find('\n')),
            "p.yaml:5:5: error: unknown key 'sise'");
}

TEST(ProfileTest, EntryOnUndefinedStackIsAnErrorAtTheEntry) {
  StringRef Text = "version: 1\nstacks:\n  - name: task\n    size: 4\n"
                   "entries:\n  - class: c\n    stack: irq\n";
  Expected<Profile> P = parseProfile(MemoryBufferRef(Text, "p.yaml"));
  EXPECT_EQ(errorOf(P), "p.yaml:6:5: error: entry class 'c' runs on stack "
                       "'irq', which the profile does not define");
}

TEST(CheckTest, UncalledFunctionsAreEntriesAndCyclesWithoutCallersToo) {
  Program P;
  P.object("a.o").Functions = {fn("main", 10, {call("f")}), fn("f", 20, {}),
                               fn("p", 1, {call("q")}), fn("q", 1, {call("p")})};
  CheckOptions O;
  O.CallOverhead = 8;
  Expected<CheckResult> R = runCheck(P.R, defaultProfile(30), O);
  ASSERT_SUCCESS(R);
  std::vector<std::string> Names;
  for (const EntryReport &E : R->Entries)
    Names.push_back(E.Function);
  EXPECT_EQ(Names, (std::vector<std::string>{"main", "p", "q"}));
  EXPECT_EQ(R->Entries[0].Bytes, 8u + 10 + 8 + 20);
  EXPECT_TRUE(R->Entries[0].OverBudget);
  EXPECT_TRUE(R->Entries[1].Unknown);
}

TEST(CheckTest, JSONIsIndependentOfInputOrder) {
  auto Make = [](bool Swap) {
    Program P;
    std::vector<FunctionFacts> A = {fn("a", 10, {call("b"), call("ext")}, "a.c")};
    std::vector<FunctionFacts> B = {fn("b", 20, {call("a")}, "b.c"),
                                    fn("c", 5, {call("b")}, "b.c")};
    P.object(Swap ? "b.o" : "a.o").Functions = Swap ? B : A;
    P.object(Swap ? "a.o" : "b.o").Functions = Swap ? A : B;
    CheckOptions O;
    O.CallOverhead = 8;
    O.TopPaths = 3;
    Expected<CheckResult> R = runCheck(P.R, defaultProfile(100), O);
    EXPECT_SUCCESS(R);
    std::string S;
    raw_string_ostream OS(S);
    writeJSONReport(OS, *R);
    return S;
  };
  EXPECT_EQ(Make(false), Make(true));
}

} // namespace

/// Runs \p Body on a thread with a 1 MiB stack: a walk whose recursion
/// grows with the input (10^5 members or entries, at least 16 bytes a
/// level) overflows it and crashes the test instead of passing by luck on
/// the main thread's 8 MiB.
template <typename F> void onSmallStack(F Body) {
  llvm::thread T(std::optional<unsigned>(1u << 20), Body);
  T.join();
}

TEST(CheckTest, CycleOfHundredThousandMembersOnSmallStack) {
  // f0 -> f1 -> ... -> f99999 -> f0, bounded at f0: one trip is 10^5
  // frames of 1 byte and 10^5 calls of 8; the entry e calls into it.
  constexpr unsigned N = 100000;
  Program P;
  ObjectFacts &O = P.object("a.o");
  O.Functions.push_back(fn("e", 1, {call("f0")}));
  for (unsigned I = 0; I < N; ++I)
    O.Functions.push_back(
        fn("f" + std::to_string(I), 1, {call("f" + std::to_string((I + 1) % N))}));
  Profile Pr = defaultProfile(100);
  Pr.Recursion.push_back({"f0", 1, "", {}});
  onSmallStack([&] {
    CheckOptions Opts;
    Opts.CallOverhead = 8;
    Expected<CheckResult> R = runCheck(P.R, Pr, Opts);
    ASSERT_SUCCESS(R);
    ASSERT_EQ(R->Cycles.size(), 1u);
    EXPECT_EQ(R->Cycles[0].Members.size(), size_t(N));
    EXPECT_EQ(R->Cycles[0].TripBytes, 9ull * N);
    ASSERT_EQ(R->Entries.size(), 1u);
    EXPECT_FALSE(R->Entries[0].Unknown);
    // f0 active once: e (8 + 1), then f0 .. f99999 once each (8 + 1 a
    // hop), the call back into f0 cut: 9 + 9 * 10^5 exactly. 10^5 members
    // are beyond the exact search, so the cycle gets the closed form,
    // whose L(f0) also counts the call back into f0 (8 + 1): 9 more,
    // never less (docs/check.md, "Cycles").
    EXPECT_EQ(R->Cycles[0].Method, CycleMethod::ClosedForm);
    EXPECT_EQ(R->Entries[0].Bytes, 9ull + 9ull * N + 9);
    std::string Text;
    raw_string_ostream OS(Text);
    writeJSONReport(OS, *R);
    printDiagnostics(OS, *R, DiagnosticOptions());
    EXPECT_FALSE(Text.empty());
  });
}

TEST(CheckTest, HundredThousandEntriesOnSmallStack) {
  // 10^5 functions, each an entry of its own (as 10^5 `entries:`
  // annotations become), each calling one leaf: entry matching is by name,
  // not 10^5 patterns tried on every function, and no walk recurses.
  constexpr unsigned N = 100000;
  Program P;
  ObjectFacts &O = P.object("a.o");
  O.Functions.push_back(fn("leaf", 100, {}));
  Profile Pr = defaultProfile(100);
  Pr.UncalledFunctionsAreEntries = false;
  for (unsigned I = 0; I < N; ++I) {
    std::string Name = "f" + std::to_string(I);
    O.Functions.push_back(fn(Name, I % 7, {call("leaf")}));
    Pr.Entries.push_back(
        {"annotation", "task", {Name}, "", /*Nests=*/false, {}});
  }
  onSmallStack([&] {
    CheckOptions Opts;
    Opts.CallOverhead = 8;
    Expected<CheckResult> R = runCheck(P.R, Pr, Opts);
    ASSERT_SUCCESS(R);
    ASSERT_EQ(R->Entries.size(), size_t(N));
    // The deepest: a frame of 6, then leaf: 8 + 6 + 8 + 100 = 122.
    uint64_t Deepest = 0;
    for (const EntryReport &E : R->Entries)
      Deepest = std::max(Deepest, E.Bytes);
    EXPECT_EQ(Deepest, 122u);
    EXPECT_EQ(R->Summary.OverBudget, size_t(N));
  });
}
