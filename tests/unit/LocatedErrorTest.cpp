//===- LocatedErrorTest.cpp - Errors that point at a place in an input ----===//

#include "stackbudget/LocatedError.h"
#include "stackbudget/Annotations.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace stackbudget;

namespace {

std::string print(Error E) {
  std::string Out;
  raw_string_ostream OS(Out);
  printErrors(OS, std::move(E),
              [&](StringRef Msg) { OS << "tool: error: " << Msg << '\n'; });
  return Out;
}

TEST(LocatedErrorTest, AnErrorIsLocatedByItsTypeNotItsText) {
  // A tool error whose text happens to contain ": error: " (a path, a
  // quoted message) still gets the tool's prefix.
  EXPECT_EQ(print(createStringError(inconvertibleErrorCode(),
                                    "cannot open 'x: error: y.o'")),
            "tool: error: cannot open 'x: error: y.o'\n");
  EXPECT_EQ(print(errorAt(SourceLoc{"a.yaml", 3, 7}, "bad key")),
            "a.yaml:3:7: error: bad key\n");
}

TEST(LocatedErrorTest, AJoinedListPrintsEachErrorAsWhatItIs) {
  Error E = joinErrors(errorAt(SourceLoc{"a.yaml", 1, 1}, "first"),
                       createStringError(inconvertibleErrorCode(), "second"));
  E = joinErrors(std::move(E), errorAt(SourceLoc{"b.yaml", 0, 0}, "third"));
  EXPECT_EQ(print(std::move(E)), "a.yaml:1:1: error: first\n"
                                 "tool: error: second\n"
                                 "b.yaml: error: third\n");
}

TEST(LocatedErrorTest, NoFileIsNoPlace) {
  EXPECT_EQ(print(errorAt(SourceLoc(), "no place")),
            "tool: error: no place\n");
}

TEST(LocatedErrorTest, AYAMLSyntaxErrorKeepsTheParsersExcerpt) {
  std::unique_ptr<MemoryBuffer> Buf =
      MemoryBuffer::getMemBuffer("version: 1\nframes:\n  - function: [f\n",
                                 "ann.yaml");
  Expected<Annotations> A = parseAnnotations(Buf->getMemBufferRef());
  ASSERT_FALSE(static_cast<bool>(A));
  std::string Out;
  raw_string_ostream OS(Out);
  bool SawLocated = false;
  handleAllErrors(A.takeError(), [&](const LocatedError &L) {
    SawLocated = true;
    EXPECT_EQ(L.loc().File, "ann.yaml");
    EXPECT_EQ(L.loc().Line, 3u);
    EXPECT_EQ(L.loc().Column, 17u);
    EXPECT_EQ(L.text(), "Could not find closing ]!");
    L.log(OS);
  });
  EXPECT_TRUE(SawLocated);
  // The place and message, then the parser's source line and caret.
  EXPECT_EQ(Out, "ann.yaml:3:17: error: Could not find closing ]!\n"
                 "  - function: [f\n"
                 "                ^");
}

} // namespace
