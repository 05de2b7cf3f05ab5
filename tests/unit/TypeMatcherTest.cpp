//===- TypeMatcherTest.cpp - Erased, opaque and reinterpreted types -------===//

#include "stackbudget/TypeMatcher.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace stackbudget;

namespace {

constexpr uint32_t Sig = 1, OtherSig = 2;
constexpr uint32_t TypeA = 10, TypeB = 20, TypeC = 30, TypeD = 40;

FunctionFacts taken(StringRef Name, uint32_t CType, uint32_t S = Sig) {
  FunctionFacts F;
  F.Name = Name.str();
  F.TU = "a.c";
  F.SignatureId = S;
  F.CTypeId = CType;
  F.AddressTaken = true;
  return F;
}

TypeConversion erase(StringRef Function) {
  TypeConversion C;
  C.Function = Function.str();
  return C;
}

TypeConversion valueConversion(uint32_t From, uint32_t To) {
  TypeConversion C;
  C.FromType = From;
  C.ToType = To;
  return C;
}

TypeConversion reinterpretInto(uint32_t To) {
  TypeConversion C;
  C.ToType = To;
  return C;
}

/// fa (A) erased through void *, fb (B) kept typed; something is converted
/// back into B, and B values are converted to C.
ReadResult program() {
  ReadResult R;
  ObjectFacts O;
  O.Origin = "a.o";
  O.Functions = {taken("fa", TypeA), taken("fb", TypeB)};
  ModuleFacts M;
  M.TU = "a.c";
  M.Conversions = std::vector<TypeConversion>{
      erase("fa"), reinterpretInto(TypeB), valueConversion(TypeB, TypeC)};
  O.Modules.push_back(M);
  R.Objects.push_back(O);
  R.Inventory.push_back({"a.o", true, {}, {}, {}});
  return R;
}

TargetRef refIn(StringRef, StringRef Name) { return {Name.str(), ""}; }

std::vector<std::string> candidates(const TypeMatcher &M, uint32_t CType,
                                    uint32_t S = Sig) {
  CallFact C;
  C.Kind = CallKind::Indirect;
  C.editDetails().CTypeIds = {CType};
  C.editDetails().SignatureIds = {S};
  std::vector<std::string> Out;
  for (const TargetRef &T : M.candidates(C))
    Out.push_back(T.Name);
  return Out;
}

using Names = std::vector<std::string>;

TEST(TypeMatcherTest, ErasedComesBackAsReinterpretedTypesAndTheirConversions) {
  ReadResult In = program();
  TypeMatcher M = TypeMatcher::build(In, refIn, false);
  EXPECT_EQ(candidates(M, TypeA), Names({"fa"}));       // its own type
  EXPECT_EQ(candidates(M, TypeB), Names({"fa", "fb"})); // converted back
  EXPECT_EQ(candidates(M, TypeC), Names({"fa", "fb"})); // B values go to C
  EXPECT_EQ(candidates(M, TypeD), Names());             // never
  EXPECT_EQ(candidates(M, TypeB, OtherSig), Names({"fb"})); // not ABI-equal
  EXPECT_TRUE(M.isReinterpreted(TypeC));
  EXPECT_FALSE(M.isReinterpreted(TypeD));
  EXPECT_EQ(M.callTypesOf({"fa", ""}, {}),
            std::optional<std::vector<uint32_t>>({TypeA, TypeB, TypeC}));
}

TEST(TypeMatcherTest, TUWithoutConversionsMakesErasedOpaque) {
  ReadResult In = program();
  ModuleFacts Unanalyzed;
  Unanalyzed.TU = "b.c";
  In.Objects[0].Modules.push_back(Unanalyzed);
  TypeMatcher M = TypeMatcher::build(In, refIn, false);
  EXPECT_EQ(candidates(M, TypeD), Names({"fa"}));
  EXPECT_EQ(M.callTypesOf({"fa", ""}, {}), std::nullopt);
}

TEST(TypeMatcherTest, ObjectWithoutFactsMakesErasedOpaqueUnlessTrusted) {
  ReadResult In = program();
  In.Inventory.push_back({"entry.o", false, {"entry_asm"}, {}, {}});
  EXPECT_EQ(candidates(TypeMatcher::build(In, refIn, false), TypeD),
            Names({"fa"}));
  EXPECT_EQ(candidates(TypeMatcher::build(In, refIn, true), TypeD), Names());
}

TEST(TypeMatcherTest, CandidatesOfTypeTakeErasedOfAnySignature) {
  ReadResult In = program();
  In.Objects[0].Functions.push_back(taken("fw", TypeA, OtherSig));
  In.Objects[0].Modules[0].Conversions->push_back(erase("fw"));
  TypeMatcher M = TypeMatcher::build(In, refIn, false);
  std::vector<std::string> Out;
  for (const TargetRef &T : M.candidatesOfType(TypeB))
    Out.push_back(T.Name);
  EXPECT_EQ(Out, Names({"fa", "fb", "fw"}));
}

} // namespace

namespace {

/// fx (A) and fy (B) have their addresses taken only by their exports; B
/// is reinterpreted (symbol_get's cast), A is not.
ReadResult exportedProgram() {
  ReadResult R = program();
  FunctionFacts X = taken("fx", TypeA), Y = taken("fy", TypeB);
  X.AddressOnlyExported = Y.AddressOnlyExported = true;
  R.Objects[0].Functions.push_back(X);
  R.Objects[0].Functions.push_back(Y);
  return R;
}

TEST(TypeMatcherTest, ExportedOnlyIsItsOwnTypeEverywhereInAnOpenWorld) {
  ReadResult In = exportedProgram();
  TypeMatcher M = TypeMatcher::build(In, refIn, true);
  EXPECT_EQ(candidates(M, TypeA), Names({"fa", "fx"}));
  EXPECT_EQ(candidates(M, TypeB), Names({"fa", "fb", "fy"}));
}

TEST(TypeMatcherTest, ExportedOnlyComesBackOnlyWhereItsTypeIsReinterpreted) {
  ReadResult In = exportedProgram();
  TypeMatcher M = TypeMatcher::build(In, refIn, true, /*ExportsErased=*/true);
  EXPECT_EQ(candidates(M, TypeA), Names({"fa"}));             // A: not
  EXPECT_EQ(candidates(M, TypeB), Names({"fa", "fb", "fy"})); // B: is
  // Its B values are converted to C like fb's.
  EXPECT_EQ(candidates(M, TypeC), Names({"fa", "fb", "fy"}));
}

} // namespace
