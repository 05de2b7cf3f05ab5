// REQUIRES: ir-recorder
// The LLVM 19 recorder never sees the MachineFunction, so it bounds from the
// IR what the LLVM 22 recorder reads there (docs/llvm19.md), never lower:
//  - realignment: a 64-byte aligned local makes the prologue `and` the
//    stack pointer; 2 * (64 - 8) = 112, the LLVM 22 recorder's bound;
//  - pushed arguments: at -Os the 7th and 8th arguments are pushed, 2 * 8 =
//    16 bytes, rounded up to the 16-byte stack alignment = 16;
//  - red zone: a function whose calls may all become jumps (here: none)
//    may use up to the ABI's 128 bytes below %rsp; the machine code uses
//    104 (-0x68(%rsp)). `pushes` is counted too: its call is marked `tail`
//    in the IR, so the backend could have made it a jump.
// The frames are clang-19's -fstack-usage numbers.
// RUN: %clang_sb --target=x86_64-linux-gnu -Os -fno-stack-protector -fstack-usage -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern void sink(char *);
extern void many(long, long, long, long, long, long, long, long);

void realigned(void) {
  char buf[64] __attribute__((aligned(64)));
  sink(buf);
}
// SU: [[@LINE-4]]:realigned{{[[:space:]]}}120{{[[:space:]]}}static
// CHECK: realigned (global, {{.*}}:[[@LINE-5]]:6) frame 120 + realignment 112{{$}}
// ASM-LABEL: <realigned>:
// ASM:       andq $-0x40, %rsp

void pushes(void) { many(1, 2, 3, 4, 5, 6, 7, 8); }
// SU: [[@LINE-1]]:pushes{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK: pushes (global, {{.*}}:[[@LINE-2]]:6) frame 8 + red zone 128 + pushed arguments 16{{$}}
// ASM-LABEL: <pushes>:
// ASM:       pushq $0x8
// ASM-NEXT:  pushq $0x7
// ASM-NEXT:  callq

int leaf(int n) {
  volatile char b[100];
  b[n & 63] = (char)n;
  return b[3];
}
// SU: [[@LINE-5]]:leaf{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK: leaf (global, {{.*}}:[[@LINE-6]]:5) frame 0 + red zone 128{{$}}
// ASM-LABEL: <leaf>:
// ASM:       -0x68(%rsp,%rax)
