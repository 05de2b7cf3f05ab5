//===- AsmCallScannerTest.cpp ---------------------------------------------===//

#include "stackbudget/AsmCallScanner.h"

#include "gtest/gtest.h"

using namespace stackbudget;

TEST(AsmCallScanner, LiteralSymbolAndPLT) {
  auto Calls = scanAsmCalls("call foo\n\tcall bar@PLT", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 2u);
  EXPECT_EQ(Calls[0].Symbol, "foo");
  EXPECT_EQ(Calls[1].Symbol, "bar");
  EXPECT_FALSE(Calls[0].IsTail);
}

TEST(AsmCallScanner, OperandReferences) {
  auto Calls =
      scanAsmCalls("771:\n\tcall ${1:c}\n772: callq $0", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 2u);
  EXPECT_EQ(Calls[0].OperandNo, 1u);
  EXPECT_EQ(Calls[1].OperandNo, 0u);
}

TEST(AsmCallScanner, IndirectCallHasNoTarget) {
  auto Calls = scanAsmCalls("call *%rax", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_TRUE(Calls[0].Symbol.empty());
  EXPECT_FALSE(Calls[0].OperandNo);
  EXPECT_EQ(Calls[0].OperandText, "*%rax");
}

TEST(AsmCallScanner, IgnoresCommentsLabelsAndLocalJumps) {
  EXPECT_TRUE(
      scanAsmCalls("# call foo\n\tjmp 1f\n1: nop", AsmDialect::X86).empty());
  EXPECT_TRUE(
      scanAsmCalls("mov %rax, %rbx; pushf; pop %rax", AsmDialect::X86).empty());
  EXPECT_TRUE(scanAsmCalls("jmp .Lout", AsmDialect::X86).empty());
}

TEST(AsmCallScanner, JumpToSymbolIsTail) {
  auto Calls = scanAsmCalls("jmp __x86_return_thunk", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_TRUE(Calls[0].IsTail);
  EXPECT_EQ(Calls[0].Symbol, "__x86_return_thunk");
}

TEST(AsmCallScanner, SymbolCompletedByOperand) {
  // The kernel's get_user: `call __get_user_%c[size]`.
  auto Calls = scanAsmCalls("call __get_user_${4:c}", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Calls[0].SymbolPrefix, "__get_user_");
  EXPECT_EQ(Calls[0].OperandNo, 4u);
  EXPECT_TRUE(Calls[0].Symbol.empty());
}

TEST(AsmCallScanner, AsmGotoLabelIsNotACall) {
  // static_cpu_has(): `jmp %l[t_no]` jumps to a C label of the function.
  EXPECT_TRUE(
      scanAsmCalls("1: jmp 6f\n jmp ${4:l}\n6:", AsmDialect::X86).empty());
  auto Calls = scanAsmCalls("jmp ${2:c}", AsmDialect::X86);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Calls[0].OperandNo, 2u);
}

TEST(AsmStackBytes, SyncCoreIretToSelf) {
  // arch/x86/include/asm/sync_core.h, iret_to_self(), as LLVM holds it:
  // five words pushed (the memory operand `(%rsp)` is not the stack
  // pointer), then iretq pops them.
  EXPECT_EQ(scanAsmStackBytes("mov %ss, $0\n\tpushq ${0:q}\n\tpushq %rsp\n\t"
                              "addq $$8, (%rsp)\n\tpushfq\n\tmov %cs, $0\n\t"
                              "pushq ${0:q}\n\tpushq $$1f\n\tiretq\n\t1:",
                              AsmDialect::X86),
            40u);
}

TEST(AsmStackBytes, PushesAndPops) {
  // arch_local_save_flags(): `pushf ; pop $0`.
  EXPECT_EQ(scanAsmStackBytes("# __raw_save_flags\n\tpushf ; pop $0",
                              AsmDialect::X86),
            8u);
  EXPECT_EQ(scanAsmStackBytes("pushq %rax\npushq %rbx\npopq %rbx\npushw %ax",
                              AsmDialect::X86),
            16u);
  EXPECT_EQ(scanAsmStackBytes("pop %rax\npush %rax", AsmDialect::X86), 8u);
  EXPECT_EQ(scanAsmStackBytes("mov %rsp, %rax\ncall foo", AsmDialect::X86), 0u);
}

TEST(AsmStackBytes, ImmediateAdjustmentsOfTheStackPointer) {
  EXPECT_EQ(scanAsmStackBytes("subq $$128, %rsp\naddq $$128, %rsp\n"
                              "pushq %rax",
                              AsmDialect::X86),
            128u);
  EXPECT_EQ(scanAsmStackBytes("subq $$8, 8(%rsp)", AsmDialect::X86), 0u);
}

TEST(AsmCallScannerAArch64, DirectCallsAndTailJumps) {
  auto Calls =
      scanAsmCalls("bl foo\n\tBL ${1:c}\n\tb bar", AsmDialect::AArch64);
  ASSERT_EQ(Calls.size(), 3u);
  EXPECT_EQ(Calls[0].Symbol, "foo");
  EXPECT_FALSE(Calls[0].IsTail);
  EXPECT_EQ(Calls[1].OperandNo, 1u);
  EXPECT_EQ(Calls[2].Symbol, "bar");
  EXPECT_TRUE(Calls[2].IsTail);
}

TEST(AsmCallScannerAArch64, RegisterCallsAndJumpsHaveNoTarget) {
  auto Calls =
      scanAsmCalls("blr x16; blraaz x1\n\tbr x17", AsmDialect::AArch64);
  ASSERT_EQ(Calls.size(), 3u);
  EXPECT_EQ(Calls[0].OperandText, "x16");
  EXPECT_TRUE(Calls[0].Symbol.empty());
  EXPECT_FALSE(Calls[0].OperandNo);
  EXPECT_FALSE(Calls[1].IsTail);
  EXPECT_TRUE(Calls[2].IsTail);
}

TEST(AsmCallScannerAArch64, LocalBranchesAndCommentsAreNotCalls) {
  // `#` is an immediate on AArch64, `//` a comment; `b.eq`, `cbz`, `tbnz`,
  // numeric labels and asm goto labels stay inside the function.
  EXPECT_TRUE(scanAsmCalls("// bl foo\n\tb 1f\n1: mov x0, #1\n\tb.eq 2b\n\t"
                           "cbz x0, 3f\n\ttbnz x1, #3, 4f\n\tb ${2:l}\n\tb .Lx",
                           AsmDialect::AArch64)
                  .empty());
  // The x86 spelling means nothing here.
  EXPECT_TRUE(scanAsmCalls("call foo", AsmDialect::AArch64).empty());
}

TEST(AsmCallScanner, UnreadableDialectIsOneUnknownCall) {
  auto Calls = scanAsmCalls("  jal ra, foo  ", AsmDialect::Unreadable);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_TRUE(Calls[0].Symbol.empty());
  EXPECT_FALSE(Calls[0].Unread.empty());
  EXPECT_EQ(Calls[0].OperandText, "jal ra, foo");
  EXPECT_EQ(scanAsmStackBytes("addi sp, sp, -64", AsmDialect::Unreadable), 0u);
}

TEST(AsmCallScanner, DialectFollowsTheTriple) {
  EXPECT_EQ(asmDialectFor(llvm::Triple("x86_64-linux-gnu")), AsmDialect::X86);
  EXPECT_EQ(asmDialectFor(llvm::Triple("aarch64-linux-gnu")),
            AsmDialect::AArch64);
  EXPECT_EQ(asmDialectFor(llvm::Triple("riscv64-linux-gnu")),
            AsmDialect::Unreadable);
}

TEST(AsmStackBytesAArch64, ImmediatesAndWriteback) {
  // sp moved by an immediate, and by pre-indexed stores / post-indexed
  // loads with writeback; offsets without writeback move nothing.
  EXPECT_EQ(scanAsmStackBytes("stp x29, x30, [sp, #-16]!\n\tsub sp, sp, #32\n\t"
                              "str x0, [sp, #8]\n\tadd sp, sp, #32\n\t"
                              "ldp x29, x30, [sp], #16\n\tstr x1, [sp, #-16]!",
                              AsmDialect::AArch64),
            48u);
  EXPECT_EQ(scanAsmStackBytes("sub sp, sp, #0x100 // comment #8",
                              AsmDialect::AArch64),
            256u);
  // An immediate no add/sub encodes is text that does not assemble.
  EXPECT_EQ(scanAsmStackBytes("add sp, sp, #0x8000000000000000\n\t"
                              "str x0, [sp, #-0x8000000000000000]!\n\t"
                              "sub sp, sp, #16",
                              AsmDialect::AArch64),
            16u);
  // A switch to another stack is not a push.
  EXPECT_EQ(
      scanAsmStackBytes("mov sp, x0\n\tsub x0, sp, #64", AsmDialect::AArch64),
      0u);
}
