// AArch64 bytes beyond the -fstack-usage frame, from both recorders: an
// over-aligned local makes the prologue realign (`and sp, x9, #-64`), up to
// 2 x (64 - 8) = 112 bytes more than the frame; a function with a
// variable-sized object has no reserved call frame, so the stack
// arguments of its calls (arguments 9 and 10 of ten: 16 bytes) go below
// the frame (a pre-indexed `stp x9, x8, [sp, #-16]!` before the call,
// `add sp, sp, #16` after it).
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

void sink(void *);
void ten(long, long, long, long, long, long, long, long, long, long);

void aligned_64(void) { char b[64] __attribute__((aligned(64))); sink(b); }
// SU: [[@LINE-1]]:aligned_64{{[[:space:]]}}128{{[[:space:]]}}static
// CHECK: aligned_64 (global, {{.*}}:[[@LINE-2]]:6) frame 128 + realignment 112{{(, return address saved at entry-[0-9]+)?$}}
// ASM-LABEL: <aligned_64>:
// ASM:       and sp, x9, #0xffffffffffffffc0

void vla_then_call(int n) {
  char b[n];
  sink(b);
  ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
}
// SU: [[@LINE-5]]:vla_then_call{{[[:space:]]}}16{{[[:space:]]}}dynamic
// CHECK: vla_then_call (global, {{.*}}:[[@LINE-6]]:6) frame 16 + pushed arguments 16 + dynamic, unbounded (dynamic allocation of unbounded size at {{.*}}){{(, return address saved at entry-[0-9]+)?$}}
// ASM-LABEL: <vla_then_call>:
// ASM:       stp x9, x8, [sp, #-0x10]!
// ASM:       bl
// ASM-NEXT:  add sp, sp, #0x10
