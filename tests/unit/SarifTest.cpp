//===- SarifTest.cpp ------------------------------------------------------===//
//
// Source paths become URI references: percent-encoded, relative to SRCROOT
// when the report's path is relative or under the source root.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Sarif.h"

#include "gtest/gtest.h"

using namespace stackbudget;

TEST(SarifTest, PathToURIEncodesReservedCharacters) {
  EXPECT_EQ(pathToURI("drivers/foo bar/a#1.c"), "drivers/foo%20bar/a%231.c");
  EXPECT_EQ(pathToURI("fs/xfs/xfs_aops.c"), "fs/xfs/xfs_aops.c");
}

TEST(SarifTest, AbsolutePathIsFileURI) {
  EXPECT_EQ(pathToURI("/usr/src/linux/init/main.c"),
            "file:///usr/src/linux/init/main.c");
}

static std::string sarifOf(const std::string &File, const std::string &Root) {
  CheckResult R;
  FrameFinding F;
  F.Function = "f";
  F.TU = File;
  F.Loc = {File, 3, 5};
  F.Frame = 4096;
  F.Limit = 2048;
  R.FrameFindings = {F};
  SarifOptions Opts;
  Opts.SourceRoot = Root;
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeSarif(OS, R, Opts);
  return S;
}

TEST(SarifTest, AbsolutePathUnderRootIsRelative) {
  std::string S = sarifOf("/src/linux/mm/slub.c", "/src/linux/");
  EXPECT_NE(S.find("\"uri\": \"mm/slub.c\",\n"), std::string::npos) << S;
  EXPECT_NE(S.find("\"uriBaseId\": \"SRCROOT\""), std::string::npos) << S;
  EXPECT_NE(S.find("\"uri\": \"file:///src/linux/\""), std::string::npos) << S;
}

TEST(SarifTest, AbsolutePathOutsideRootHasNoBase) {
  std::string S = sarifOf("/usr/include/x.h", "/src/linux");
  EXPECT_NE(S.find("\"uri\": \"file:///usr/include/x.h\"\n"),
            std::string::npos)
      << S;
}
