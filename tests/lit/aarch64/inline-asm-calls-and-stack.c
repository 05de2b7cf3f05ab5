// AArch64 inline asm is read in AArch64 syntax by both recorders: `bl` to
// a symbol is an asm call with that callee, `blr` through a register an
// asm call the recorder cannot resolve (unknown, with the register), `b`
// to a local label no call at all; a pre-indexed store with writeback
// holds bytes below the stack pointer that no frame counts (asm stack).
// `#` is an immediate here, not a comment.
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

void calls_by_name(void) { asm volatile("bl ext_asm_target" ::: "memory", "x30"); }
// SU: [[@LINE-1]]:calls_by_name{{[[:space:]]}}16{{[[:space:]]}}static
// CHECK:      calls_by_name (global, {{.*}}:[[@LINE-2]]:6) frame 16{{(, return address saved at entry-[0-9]+)?$}}
// CHECK-NEXT:   asm call ext_asm_target at {{.*}}:[[@LINE-3]]:28{{$}}

void calls_by_register(void (*f)(void)) {
  asm volatile("blr %0" : : "r"(f) : "memory", "x30");
}
// CHECK:      calls_by_register (global, {{.*}}:[[@LINE-3]]:6) frame 16{{(, return address saved at entry-[0-9]+)?$}}
// CHECK-NEXT:   asm call <unknown> at {{.*}}:[[@LINE-3]]:3: inline asm calls '$0', a target the recorder cannot read{{$}}

void saves_pair(void) {
  asm volatile("stp x29, x30, [sp, #-32]!\n\t"
               "mov x29, sp\n\t"
               "b 1f\n"
               "1:\n\t"
               "ldp x29, x30, [sp], #32" ::: "memory");
}
// SU: [[@LINE-7]]:saves_pair{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      saves_pair (global, {{.*}}:[[@LINE-8]]:6) frame 0 + inline asm 32{{(, return address saved at entry-[0-9]+)?$}}
// CHECK-NOT:  call
