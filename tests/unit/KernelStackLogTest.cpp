//===- KernelStackLogTest.cpp ---------------------------------------------===//

#include "stackbudget/KernelStackLog.h"

#include "gtest/gtest.h"

using namespace stackbudget;
using namespace llvm;

namespace {

/// The error message, or "" when \p V holds a value.
template <typename T> std::string errorOf(Expected<T> V) {
  return V ? std::string() : toString(V.takeError());
}

// kernel/trace/trace_stack.c t_show(): "%3ld) %8d   %5d   " and %pS.
const char *const Table = "        Depth    Size   Location    (3 entries)\n"
                          "        -----    ----   --------\n"
                          "  0)      256       8   leaf+0x5/0x10\n"
                          "  1)      248      72   mid+0x32/0x40 [mod]\n"
                          "  2)      176     176   ret_from_fork_asm+0x11/0x20\n";

TEST(KernelStackLog, ReadsTheTracerTable) {
  Expected<std::vector<TracerRow>> Rows = parseStackTrace(Table, "t");
  ASSERT_TRUE(bool(Rows)) << toString(Rows.takeError());
  ASSERT_EQ(Rows->size(), 3u);
  EXPECT_EQ((*Rows)[0].Function, "leaf");
  EXPECT_EQ((*Rows)[0].Depth, 256u);
  EXPECT_EQ((*Rows)[0].Size, 8u);
  EXPECT_EQ((*Rows)[0].Offset, 5u);
  EXPECT_EQ((*Rows)[0].Length, 0x10u);
  EXPECT_EQ((*Rows)[0].Line, 3u);
  EXPECT_EQ((*Rows)[1].Module, "mod");
  EXPECT_EQ((*Rows)[2].Size, 176u);
}

TEST(KernelStackLog, TakesTheLastTableOfAConsoleLog) {
  // print_max_stack() before a BUG, with printk timestamps, twice.
  std::string Log =
      "[    1.000000]         Depth    Size   Location    (2 entries)\n"
      "[    1.000000]         -----    ----   --------\n"
      "[    1.000000]   0)      200       8   a+0x5/0x10\n"
      "[    1.000000]   1)      192     192   b+0x5/0x10\n"
      "[    2.000000] some other message\n"
      "<4>[    3.000000]         Depth    Size   Location    (2 entries)\n"
      "<4>[    3.000000]         -----    ----   --------\n"
      "<4>[    3.000000]   0)      300       8   c+0x5/0x10\n"
      "<4>[    3.000000]   1)      292     292   d+0x5/0x10\n";
  Expected<std::vector<TracerRow>> Rows = parseStackTrace(Log, "console");
  ASSERT_TRUE(bool(Rows)) << toString(Rows.takeError());
  ASSERT_EQ(Rows->size(), 2u);
  EXPECT_EQ((*Rows)[0].Function, "c");
  EXPECT_EQ((*Rows)[1].Line, 9u);
}

TEST(KernelStackLog, RowsMustBeTheTracersArithmetic) {
  EXPECT_EQ(
      errorOf(parseStackTrace("  Depth    Size   Location    (2 entries)\n"
                              "  0)      200      16   a+0x5/0x10\n"
                              "  1)      192     192   b+0x5/0x10\n",
                              "t")),
      "t:2: row 0: Size 16 is not Depth 200 minus the next row's Depth 192");
  EXPECT_EQ(
      errorOf(parseStackTrace("  Depth    Size   Location    (2 entries)\n"
                              "  1)      192     192   b+0x5/0x10\n",
                              "t")),
      "t:2: row 1 where row 0 was expected");
}

TEST(KernelStackLog, MaxSizeIsOneNumber) {
  Expected<uint64_t> Max = parseStackMaxSize("3104\n", "m");
  ASSERT_TRUE(bool(Max)) << toString(Max.takeError());
  EXPECT_EQ(*Max, 3104u);
  EXPECT_NE(errorOf(parseStackMaxSize("", "m")), "");
  EXPECT_NE(errorOf(parseStackMaxSize("12 bytes", "m")), "");
}

TEST(KernelStackLog, GreatestDepthLines) {
  // kernel/exit.c check_stack_usage(); a comm may hold spaces and slashes.
  std::vector<StackDepthRecord> R = parseStackDepthRecords(
      "<6>[    0.5] init (1) used greatest stack depth: 14856 bytes left\n"
      "unrelated\n"
      "kworker/u2:0 (12) used greatest stack depth: 13000 bytes left\r\n"
      "my prog (40) used greatest stack depth: 12000 bytes left\n");
  ASSERT_EQ(R.size(), 3u);
  EXPECT_EQ(R[0].Command, "init");
  EXPECT_EQ(R[0].Pid, 1u);
  EXPECT_EQ(R[0].BytesLeft, 14856u);
  EXPECT_EQ(R[1].Command, "kworker/u2:0");
  EXPECT_EQ(R[1].Line, 3u);
  EXPECT_EQ(R[2].Command, "my prog");
}

} // namespace
