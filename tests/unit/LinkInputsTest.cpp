//===- LinkInputsTest.cpp - the LTO door's reading of the link command line ===//

#include "LinkInputs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace stackbudget;

// Found by tests/fuzz/link-args-fuzzer: an input named by a path that
// starts with byte 1 was taken for the parser's own marker of a -l input
// (std::stoul threw, or an index past the -l list was read).
TEST(LinkInputs, PathStartingWithByte1IsAPath) {
  std::vector<std::string> Args = {"ld.lld", std::string("\x01") + "abc",
                                   std::string("\x01") + "999", "-o", "out"};
  LinkCommandLine L = parseLinkCommandLine(Args);
  ASSERT_EQ(L.Inputs.size(), 2u);
  EXPECT_EQ(L.Inputs[0], std::string("\x01") + "abc");
  EXPECT_EQ(L.Inputs[1], std::string("\x01") + "999");
  EXPECT_TRUE(L.MissingLibraries.empty());
  EXPECT_EQ(L.Output, "out");
}

TEST(LinkInputs, LibrariesResolvedInPlaceAgainstEverySearchDir) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("link-inputs", Dir));
  llvm::SmallString<128> Lib(Dir);
  llvm::sys::path::append(Lib, "libfoo.a");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Lib, EC);
    ASSERT_FALSE(EC);
    OS << "!<arch>\n";
  }
  // -l before the -L that holds it: lld searches every -L of the line.
  std::vector<std::string> Args = {"ld.lld", "a.o", "-lfoo", "b.o",
                                   "-l",     "gone", "-L",  Dir.str().str()};
  LinkCommandLine L = parseLinkCommandLine(Args);
  ASSERT_EQ(L.Inputs.size(), 3u);
  EXPECT_EQ(L.Inputs[0], "a.o");
  EXPECT_EQ(L.Inputs[1], Lib.str());
  EXPECT_EQ(L.Inputs[2], "b.o");
  ASSERT_EQ(L.MissingLibraries.size(), 1u);
  EXPECT_EQ(L.MissingLibraries[0], "gone");
  llvm::sys::fs::remove(Lib);
  llvm::sys::fs::remove(Dir);
}
