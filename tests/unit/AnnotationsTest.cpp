//===- AnnotationsTest.cpp - Annotation files: parsing and validation -----===//

#include "stackbudget/Annotations.h"

#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace stackbudget;

namespace {

bool OnlyTask(StringRef Stack) { return Stack == "task"; }

Expected<Annotations> parse(StringRef Text) {
  return parseAnnotations(MemoryBufferRef(Text, "ann.yaml"));
}

ReadResult program() {
  ReadResult R;
  ObjectFacts O;
  O.Origin = "a.o";
  FunctionFacts F;
  F.Name = "dispatch";
  F.TU = "a.c";
  CallFact Direct;
  Direct.Kind = CallKind::Direct;
  Direct.Callee = "helper";
  CallFact Ind;
  Ind.Kind = CallKind::Indirect;
  Ind.editDetails().Field = FieldRef{"ops", 8, "read"};
  F.Calls = {Direct, Ind};
  FunctionFacts H;
  H.Name = "handler";
  H.TU = "a.c";
  H.AddressTaken = true;
  O.Functions = {F, H};
  R.Objects.push_back(O);
  return R;
}

TEST(AnnotationsTest, ParsesEverySection) {
  Expected<Annotations> A = parse("version: 1\n"
                                  "indirect_calls:\n"
                                  "  - function: dispatch\n"
                                  "    index: 0\n"
                                  "    targets: [handler]\n"
                                  "frames:\n"
                                  "  - function: helper\n"
                                  "    frame: 48\n"
                                  "recursion:\n"
                                  "  - function: dispatch\n"
                                  "    max_depth: 3\n"
                                  "exclude:\n"
                                  "  - to: helper\n"
                                  "    reason: never on a deep path\n"
                                  "entries:\n"
                                  "  - function: handler\n"
                                  "    stack: task\n");
  ASSERT_TRUE(bool(A)) << toString(A.takeError());
  ASSERT_EQ(A->Indirect.size(), 1u);
  EXPECT_EQ(A->Indirect[0].Index, 0u);
  EXPECT_EQ(A->Indirect[0].Loc.Line, 3u);
  EXPECT_EQ(A->Indirect[0].Loc.Column, 5u);
  ASSERT_EQ(A->Frames.size(), 1u);
  EXPECT_EQ(A->Frames[0].Frame, 48u);
  EXPECT_EQ(A->Recursion[0].MaxDepth, 3u);
  EXPECT_EQ(A->Exclusions[0].Reason, "never on a deep path");
  EXPECT_EQ(A->Entries[0].Stack, "task");
  EXPECT_FALSE(
      bool(validateAnnotations(*A, program(), OnlyTask)));
}

TEST(AnnotationsTest, ExclusionWithoutReasonIsAnError) {
  Expected<Annotations> A = parse("version: 1\n"
                                  "exclude:\n"
                                  "  - to: helper\n"
                                  "    reason: '  '\n");
  ASSERT_FALSE(bool(A));
  // The first line; the source line and a caret follow.
  std::string Msg = toString(A.takeError());
  EXPECT_EQ(StringRef(Msg).split('\n').first,
            "ann.yaml:3:5: error: an exclusion needs a non-empty 'reason'");
}

TEST(AnnotationsTest, StaleFieldAndTargetAreReportedTogether) {
  Expected<Annotations> A = parse("version: 1\n"
                                  "indirect_calls:\n"
                                  "  - field: ops::write\n"
                                  "    targets: [handler]\n"
                                  "  - field: ops::read\n"
                                  "    targets: [nowhere]\n");
  ASSERT_TRUE(bool(A)) << toString(A.takeError());
  Error E = validateAnnotations(*A, program(), OnlyTask);
  EXPECT_EQ(toString(std::move(E)),
            "ann.yaml:3:5: error: stale annotation: no call loads from and no "
            "code stores to field 'ops::write'\n"
            "ann.yaml:5:5: error: stale annotation: target 'nowhere' does not "
            "exist in the program");
}

TEST(AnnotationsTest, EntryOnUnknownStackIsAnError) {
  Expected<Annotations> A = parse("version: 1\n"
                                  "entries:\n"
                                  "  - function: handler\n"
                                  "    stack: irq\n");
  ASSERT_TRUE(bool(A));
  EXPECT_EQ(toString(validateAnnotations(*A, program(), OnlyTask)),
            "ann.yaml:3:5: error: entry 'handler' runs on stack 'irq', which "
            "the profile does not define");
}

TEST(AnnotationsTest, MatchesCallsByIndexFieldAndParameter) {
  IndirectTargets T;
  T.Function = "dispatch";
  T.Field = "ops::read";
  CallFact C;
  C.Kind = CallKind::Indirect;
  C.editDetails().Field = FieldRef{"ops", 8, "read"};
  EXPECT_TRUE(annotationMatchesCall(T, C, 0));
  C.editDetails().Field->Name = "write";
  EXPECT_FALSE(annotationMatchesCall(T, C, 0));
  IndirectTargets P;
  P.Function = "dispatch";
  P.Param = 1;
  C.editDetails().CalleeParam = 1;
  EXPECT_TRUE(annotationMatchesCall(P, C, 5));
  IndirectTargets I;
  I.Function = "dispatch";
  I.Index = 2;
  EXPECT_TRUE(annotationMatchesCall(I, C, 2));
  EXPECT_FALSE(annotationMatchesCall(I, C, 1));
}

} // namespace
