//===- AsmCallScannerTest.cpp ---------------------------------------------===//

#include "stackbudget/AsmCallScanner.h"

#include "gtest/gtest.h"

using namespace stackbudget;

TEST(AsmCallScanner, LiteralSymbolAndPLT) {
  auto Calls = scanAsmCalls("call foo\n\tcall bar@PLT");
  ASSERT_EQ(Calls.size(), 2u);
  EXPECT_EQ(Calls[0].Symbol, "foo");
  EXPECT_EQ(Calls[1].Symbol, "bar");
  EXPECT_FALSE(Calls[0].IsTail);
}

TEST(AsmCallScanner, OperandReferences) {
  auto Calls = scanAsmCalls("771:\n\tcall ${1:c}\n772: callq $0");
  ASSERT_EQ(Calls.size(), 2u);
  EXPECT_EQ(Calls[0].OperandNo, 1u);
  EXPECT_EQ(Calls[1].OperandNo, 0u);
}

TEST(AsmCallScanner, IndirectCallHasNoTarget) {
  auto Calls = scanAsmCalls("call *%rax");
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_TRUE(Calls[0].Symbol.empty());
  EXPECT_FALSE(Calls[0].OperandNo);
  EXPECT_EQ(Calls[0].OperandText, "*%rax");
}

TEST(AsmCallScanner, IgnoresCommentsLabelsAndLocalJumps) {
  EXPECT_TRUE(scanAsmCalls("# call foo\n\tjmp 1f\n1: nop").empty());
  EXPECT_TRUE(scanAsmCalls("mov %rax, %rbx; pushf; pop %rax").empty());
  EXPECT_TRUE(scanAsmCalls("jmp .Lout").empty());
}

TEST(AsmCallScanner, JumpToSymbolIsTail) {
  auto Calls = scanAsmCalls("jmp __x86_return_thunk");
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_TRUE(Calls[0].IsTail);
  EXPECT_EQ(Calls[0].Symbol, "__x86_return_thunk");
}

TEST(AsmCallScanner, SymbolCompletedByOperand) {
  // The kernel's get_user: `call __get_user_%c[size]`.
  auto Calls = scanAsmCalls("call __get_user_${4:c}");
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Calls[0].SymbolPrefix, "__get_user_");
  EXPECT_EQ(Calls[0].OperandNo, 4u);
  EXPECT_TRUE(Calls[0].Symbol.empty());
}

TEST(AsmCallScanner, AsmGotoLabelIsNotACall) {
  // static_cpu_has(): `jmp %l[t_no]` jumps to a C label of the function.
  EXPECT_TRUE(scanAsmCalls("1: jmp 6f\n jmp ${4:l}\n6:").empty());
  auto Calls = scanAsmCalls("jmp ${2:c}");
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Calls[0].OperandNo, 2u);
}

TEST(AsmStackBytes, SyncCoreIretToSelf) {
  // arch/x86/include/asm/sync_core.h, iret_to_self(), as LLVM holds it:
  // five words pushed (the memory operand `(%rsp)` is not the stack
  // pointer), then iretq pops them.
  EXPECT_EQ(scanAsmStackBytes("mov %ss, $0\n\tpushq ${0:q}\n\tpushq %rsp\n\t"
                              "addq $$8, (%rsp)\n\tpushfq\n\tmov %cs, $0\n\t"
                              "pushq ${0:q}\n\tpushq $$1f\n\tiretq\n\t1:"),
            40u);
}

TEST(AsmStackBytes, PushesAndPops) {
  // arch_local_save_flags(): `pushf ; pop $0`.
  EXPECT_EQ(scanAsmStackBytes("# __raw_save_flags\n\tpushf ; pop $0"), 8u);
  EXPECT_EQ(scanAsmStackBytes("pushq %rax\npushq %rbx\npopq %rbx\npushw %ax"),
            16u);
  EXPECT_EQ(scanAsmStackBytes("pop %rax\npush %rax"), 8u);
  EXPECT_EQ(scanAsmStackBytes("mov %rsp, %rax\ncall foo"), 0u);
}

TEST(AsmStackBytes, ImmediateAdjustmentsOfTheStackPointer) {
  EXPECT_EQ(scanAsmStackBytes("subq $$128, %rsp\naddq $$128, %rsp\n"
                              "pushq %rax"),
            128u);
  EXPECT_EQ(scanAsmStackBytes("subq $$8, 8(%rsp)"), 0u);
}
