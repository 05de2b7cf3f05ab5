// The recorder reads inline asm in x86 and AArch64 syntax only. On any
// other target an inline asm statement may call something it cannot see,
// so each one is an asm call of unknown target (a path through it is
// unknown, never shorter than the truth).
// RUN: %clang_sb --target=riscv64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s

void calls_in_asm(void) { asm volatile("call ext_asm_target" ::: "memory", "ra"); }
// CHECK:      calls_in_asm (global, {{.*}}:[[@LINE-1]]:6) frame {{[0-9]+}}{{(, return address saved at entry-[0-9]+)?$}}
// CHECK-NEXT:   asm call <unknown> at {{.*}}:[[@LINE-2]]:27: inline asm of a target whose assembly the recorder does not read{{$}}
