// REQUIRES: ir-recorder
// Calls the backend adds are not in the IR: with -fstack-protector-all the
// machine code calls __stack_chk_fail, but the IR recorder cannot see it.
// The record says "recorder": "ir" and the table says so (docs/llvm19.md),
// so the report says the call list is not the machine's.
// RUN: %clang_sb -O2 -c %s -o %t.o -fstack-protector-all
// RUN: %stackbudget facts %t.o | FileCheck %s --implicit-check-not=__stack_chk_fail
// RUN: %objdump -dr %t.o | FileCheck %s --check-prefix=ASM

extern void sink(char *);
void guarded(void) { char buf[64]; sink(buf); }
// CHECK: .o: 1 functions (1 with calls from IR, LLVM 19: backend-added calls not listed
// CHECK-NEXT: guarded (global, {{.*}}) frame {{[0-9]+}}{{$}}
// CHECK-NEXT: call sink
// ASM: R_X86_64_PLT32 __stack_chk_fail
