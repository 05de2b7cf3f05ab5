// REQUIRES: ir-recorder
// Calls the backend adds are not in the IR: with -fstack-protector-all the
// machine code calls __stack_chk_fail, but the IR recorder cannot see it.
// The record says "recorder": "ir" and the table notes it (docs/llvm19.md),
// so the report says the call list is not the machine's.
// RUN: %clang_sb -O2 -c %s -o %t.o -fstack-protector-all
// RUN: %stackbudget facts %t.o | FileCheck %s --implicit-check-not=__stack_chk_fail
// RUN: %objdump -dr %t.o | FileCheck %s --check-prefix=ASM

extern void sink(char *);
void guarded(void) { char buf[64]; sink(buf); }
// CHECK: guarded (global, {{.*}}) frame {{[0-9]+}}{{$}}
// CHECK-NEXT: call sink
// CHECK-NEXT: note: 1 of 1 functions have calls from IR
// ASM: R_X86_64_PLT32 __stack_chk_fail
