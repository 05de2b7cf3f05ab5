//===- IndirectResolverTest.cpp - Resolution order and fallbacks ----------===//

#include "stackbudget/IndirectResolver.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace stackbudget;

namespace {

FunctionFacts function(StringRef Name, uint32_t Sig, bool Taken) {
  FunctionFacts F;
  F.Name = Name.str();
  F.TU = "a.c";
  F.SignatureId = Sig;
  F.AddressTaken = Taken;
  return F;
}

CallFact callThrough(std::optional<FieldRef> Field, uint32_t Sig) {
  CallFact C;
  C.Kind = CallKind::Indirect;
  C.editDetails().SignatureIds = {Sig};
  C.editDetails().Field = std::move(Field);
  return C;
}

std::vector<std::string> names(const Resolution &R) {
  std::vector<std::string> Out;
  for (const TargetRef &T : R.Targets)
    Out.push_back(T.Name);
  return Out;
}

/// a, b, c, d all of signature 1; a stored to ops::read, b to ops::write,
/// c free, d to other::cb which escapes.
ReadResult program(bool WithFields = true) {
  ReadResult R;
  ObjectFacts O;
  O.Origin = "a.o";
  for (StringRef N : {"a", "b", "c", "d"})
    O.Functions.push_back(function(N, 1, true));
  FunctionFacts Caller = function("caller", 2, false);
  Caller.Calls = {callThrough(FieldRef{"ops", 0, "read"}, 1),
                  callThrough(FieldRef{"other", 0, "cb"}, 1),
                  callThrough(std::nullopt, 1)};
  O.Functions.push_back(Caller);
  ModuleFacts M;
  M.TU = "a.c";
  if (WithFields) {
    FieldFacts F;
    F.Stores = {{ValueSlot::field({"ops", 0, "read"}), "a"},
                {ValueSlot::field({"ops", 8, "write"}), "b"},
                {ValueSlot::field({"other", 0, "cb"}), "d"}};
    F.Escapes = {
        {ValueSlot::field({"other", 0, "cb"}), "its address is taken", {}}};
    F.FreeFunctions = {"c"};
    M.Fields = F;
  }
  O.Modules.push_back(M);
  R.Objects.push_back(O);
  return R;
}

TEST(IndirectResolverTest, FieldIsStoresPlusFreeFunctionsOfTheType) {
  ReadResult In = program();
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Res = R->resolve(Caller, Caller.Calls[0], 0);
  ASSERT_TRUE(Res);
  EXPECT_EQ(Res->Method, ResolutionMethod::Field);
  EXPECT_EQ(names(*Res), (std::vector<std::string>{"a", "c"}));
}

TEST(IndirectResolverTest, EscapedFieldFallsBackToType) {
  ReadResult In = program();
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Res = R->resolve(Caller, Caller.Calls[1], 1);
  ASSERT_TRUE(Res);
  EXPECT_EQ(Res->Method, ResolutionMethod::Type);
  EXPECT_EQ(names(*Res), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(Res->FallbackReason,
            "field 'other::cb' escapes: its address is taken");
}

TEST(IndirectResolverTest, MissingFieldFactsTurnRefinementOff) {
  ReadResult In = program(/*WithFields=*/false);
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  EXPECT_FALSE(R->fieldsComplete());
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Res = R->resolve(Caller, Caller.Calls[0], 0);
  EXPECT_EQ(Res->Method, ResolutionMethod::Type);
  EXPECT_EQ(Res->Targets.size(), 4u);
}

TEST(IndirectResolverTest, AnnotationBeatsFieldAndSiteBeatsField) {
  ReadResult In = program();
  Annotations A;
  IndirectTargets ByField;
  ByField.Field = "ops::read";
  ByField.Targets = {"b"};
  IndirectTargets BySite;
  BySite.Function = "caller";
  BySite.Index = 0;
  BySite.Targets = {"d"};
  A.Indirect = {ByField, BySite};
  Expected<IndirectResolver> R = IndirectResolver::build(In, &A);
  ASSERT_TRUE(bool(R));
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Res = R->resolve(Caller, Caller.Calls[0], 0);
  EXPECT_EQ(Res->Method, ResolutionMethod::Annotation);
  EXPECT_EQ(names(*Res), std::vector<std::string>{"d"});
}

TEST(IndirectResolverTest, PrecisionFigures) {
  ReadResult In = program();
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  IndirectResolver::Figures F = R->precision();
  // Type: 4 + 4 + 4; field: 2 (a, c) + 4 (escaped) + 4 (no field).
  EXPECT_EQ(F.Type.Sites, 3u);
  EXPECT_EQ(F.Type.TotalCandidates, 12u);
  EXPECT_EQ(F.Field.TotalCandidates, 10u);
  EXPECT_EQ(F.Field.MaxCandidates, 4u);
}

TEST(IndirectResolverTest, StaticCallUnionsDefaultAndUpdates) {
  ReadResult In = program();
  StaticCallFact Def;
  Def.Key = "__SCK__x";
  Def.Targets = {"a"};
  StaticCallFact Upd;
  Upd.Key = "__SCK__x";
  Upd.Targets = {"b"};
  In.Objects[0].Modules[0].StaticCalls = {Def, Upd};
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  std::optional<Resolution> S = R->resolveStaticCall("__SCT__x");
  ASSERT_TRUE(S);
  EXPECT_EQ(names(*S), (std::vector<std::string>{"a", "b"}));
  std::string Why;
  EXPECT_FALSE(R->resolveStaticCall("__SCT__y", &Why));
  EXPECT_EQ(Why, "no TU defines the static call key '__SCK__y'");
}

ResolverOptions closedWorld(bool TrustObjectsWithoutFacts = false) {
  ResolverOptions O;
  O.ClosedWorld = true;
  O.TrustObjectsWithoutFacts = TrustObjectsWithoutFacts;
  return O;
}

std::string messageOf(Error E) {
  return E ? toString(std::move(E)) : std::string();
}

/// program() and a call through ops::hook (no store) of signature 3 (no
/// function): its field set is empty.
ReadResult programWithHook() {
  ReadResult In = program();
  In.Objects[0].Functions.back().Calls.push_back(
      callThrough(FieldRef{"ops", 16, "hook"}, 3));
  return In;
}

TEST(IndirectResolverTest, ClosedWorldRefusesATUWithoutFieldFacts) {
  ReadResult In = program(/*WithFields=*/false);
  EXPECT_EQ(messageOf(IndirectResolver::build(In, nullptr, closedWorld())
                          .takeError()),
            "closed world needs struct-field facts from every TU; 'a.c' has "
            "none (built without -fplugin=stackbudget.so?)");
}

TEST(IndirectResolverTest, ClosedWorldRefusesObjectWithoutFactsUnlessTrusted) {
  ReadResult In = program();
  In.Inventory.push_back(
      {"entry.o", /*HasFactsSection=*/false, {"asm_entry"}, {}, {}});
  EXPECT_EQ(messageOf(IndirectResolver::build(In, nullptr, closedWorld())
                          .takeError()),
            "closed world needs struct-field facts from every TU; 'entry.o' "
            "has no facts at all (built without -fplugin=stackbudget.so? if "
            "it is assembly, --trust-objects-without-facts assumes it stores "
            "no function into a struct member)");
  Expected<IndirectResolver> R =
      IndirectResolver::build(In, nullptr, closedWorld(/*Trust=*/true));
  ASSERT_TRUE(bool(R)) << toString(R.takeError());
  EXPECT_TRUE(R->closedWorld());
}

TEST(IndirectResolverTest, ClosedWorldMarksOnlyEmptySets) {
  ReadResult In = programWithHook();
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  Expected<IndirectResolver> Closed =
      IndirectResolver::build(In, nullptr, closedWorld());
  ASSERT_TRUE(bool(Closed)) << toString(Closed.takeError());
  IndirectResolverFn Resolve = resolverCallback(*Closed);
  std::optional<ResolvedTargets> Hook = Resolve(Caller, Caller.Calls[3], 3);
  ASSERT_TRUE(Hook);
  EXPECT_TRUE(Hook->Targets.empty());
  EXPECT_TRUE(Hook->NoTargetInProgram);
  std::optional<ResolvedTargets> Read = Resolve(Caller, Caller.Calls[0], 0);
  ASSERT_TRUE(Read);
  EXPECT_FALSE(Read->NoTargetInProgram);

  // An annotation that names no target is the user's word: not marked.
  Annotations A;
  IndirectTargets None;
  None.Field = "ops::hook";
  A.Indirect = {None};
  Expected<IndirectResolver> Annotated =
      IndirectResolver::build(In, &A, closedWorld());
  ASSERT_TRUE(bool(Annotated));
  EXPECT_FALSE(resolverCallback(*Annotated)(Caller, Caller.Calls[3], 3)
                   ->NoTargetInProgram);

  Expected<IndirectResolver> Open = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(Open));
  EXPECT_FALSE(Open->closedWorld());
  EXPECT_FALSE(resolverCallback(*Open)(Caller, Caller.Calls[3], 3)
                   ->NoTargetInProgram);
}

// DEFINE_STATIC_CALL_NULL and no static_call_update: the trampoline
// returns at once.
TEST(IndirectResolverTest, ClosedWorldStaticCallWithoutTargets) {
  ReadResult In = program();
  StaticCallFact Null;
  Null.Key = "__SCK__none";
  In.Objects[0].Modules[0].StaticCalls = {Null};
  CallFact C;
  C.Kind = CallKind::Direct;
  C.Callee = "__SCT__none";
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  Expected<IndirectResolver> Closed =
      IndirectResolver::build(In, nullptr, closedWorld());
  ASSERT_TRUE(bool(Closed));
  std::optional<ResolvedTargets> T = resolverCallback(*Closed)(Caller, C, 3);
  ASSERT_TRUE(T);
  EXPECT_TRUE(T->Targets.empty());
  EXPECT_TRUE(T->NoTargetInProgram);
}

TEST(IndirectResolverTest, ClosedWorldCallAddsNoEdgeAndNoUnknown) {
  ReadResult In = programWithHook();
  Profile P = defaultProfile(16384);
  auto HookUnknowns = [](const CallGraph &G) {
    return llvm::count_if(G.unknowns(), [](const UnknownSource &U) {
      return U.Kind == UnknownKind::NoCandidates;
    });
  };

  Expected<IndirectResolver> Open = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(Open));
  CallGraphOptions OpenOpts;
  OpenOpts.ResolveIndirect = resolverCallback(*Open);
  Expected<CallGraph> OpenG = CallGraph::build(In, P, OpenOpts);
  ASSERT_TRUE(bool(OpenG)) << toString(OpenG.takeError());
  EXPECT_EQ(HookUnknowns(*OpenG), 1);
  EXPECT_TRUE(OpenG->noTargetCalls().empty());

  Expected<IndirectResolver> Closed =
      IndirectResolver::build(In, nullptr, closedWorld());
  ASSERT_TRUE(bool(Closed));
  CallGraphOptions ClosedOpts;
  ClosedOpts.ResolveIndirect = resolverCallback(*Closed);
  Expected<CallGraph> G = CallGraph::build(In, P, ClosedOpts);
  ASSERT_TRUE(bool(G)) << toString(G.takeError());
  EXPECT_EQ(HookUnknowns(*G), 0);
  EXPECT_EQ(G->numEdges(), OpenG->numEdges());
  ASSERT_EQ(G->noTargetCalls().size(), 1u);
  const NoTargetCall &T = G->noTargetCalls()[0];
  EXPECT_EQ(G->node(T.Node).Name, "caller");
  EXPECT_EQ(T.Message, "indirect call resolved by field 'ops::hook' has no "
                       "target in the whole program");
}

} // namespace

/// A registrar stores its parameter into a member; a wrapper passes its own
/// parameter on; callers pass functions to both.
static ReadResult registrarProgram(bool RegistrarAddressTaken) {
  ReadResult R;
  ObjectFacts O;
  O.Origin = "a.o";
  for (StringRef N : {"f1", "f2", "f3", "other"})
    O.Functions.push_back(function(N, 1, true));
  FunctionFacts Reg = function("reg", 2, RegistrarAddressTaken);
  O.Functions.push_back(Reg);
  FunctionFacts Caller = function("caller", 2, false);
  Caller.Calls = {callThrough(FieldRef{"w", 8, "func"}, 1)};
  CallFact ViaParam = callThrough(std::nullopt, 1);
  ViaParam.editDetails().CalleeSlot = ValueSlot::param("reg", 1);
  Caller.Calls.push_back(ViaParam);
  O.Functions.push_back(Caller);
  ModuleFacts M;
  M.TU = "a.c";
  FieldFacts F;
  ValueSlot RegFn = ValueSlot::param("reg", 1);
  ValueSlot WrapFn = ValueSlot::param("wrap", 0);
  ValueSlot Member = ValueSlot::field({"w", 8, "func"});
  F.Stores = {{RegFn, "f1"}, {WrapFn, "f2"}, {Member, "f3"},
              {ValueSlot::field({"x", 0, "cb"}), "other"}};
  F.Flows = {{WrapFn, RegFn, {}}, {RegFn, Member, {}}};
  F.Params = {{RegFn, "", {}}, {WrapFn, "", {}}};
  M.Fields = F;
  O.Modules.push_back(M);
  R.Objects.push_back(O);
  return R;
}

TEST(IndirectResolverTest, ArgumentFlowReachesTheMemberThroughAWrapper) {
  ReadResult In = registrarProgram(false);
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Field = R->resolve(Caller, Caller.Calls[0], 0);
  ASSERT_TRUE(Field.has_value());
  EXPECT_EQ(Field->Method, ResolutionMethod::Field);
  EXPECT_EQ(names(*Field), (std::vector<std::string>{"f1", "f2", "f3"}));
  std::optional<Resolution> Param = R->resolve(Caller, Caller.Calls[1], 1);
  ASSERT_TRUE(Param.has_value());
  EXPECT_EQ(Param->Description, "parameter 1 of 'reg'");
  EXPECT_EQ(names(*Param), (std::vector<std::string>{"f1", "f2"}));
}

TEST(IndirectResolverTest, AddressTakenRegistrarMakesTheMemberFallBack) {
  ReadResult In = registrarProgram(true);
  Expected<IndirectResolver> R = IndirectResolver::build(In, nullptr);
  ASSERT_TRUE(bool(R));
  const FunctionFacts &Caller = In.Objects[0].Functions.back();
  std::optional<Resolution> Field = R->resolve(Caller, Caller.Calls[0], 0);
  ASSERT_TRUE(Field.has_value());
  EXPECT_EQ(Field->Method, ResolutionMethod::Type);
  EXPECT_EQ(Field->FallbackReason,
            "field 'w::func' escapes: it is written from parameter 1 of "
            "'reg', which cannot be followed: 'reg' is called through "
            "pointers too, with arguments nobody follows");
}
