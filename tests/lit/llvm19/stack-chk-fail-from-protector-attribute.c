// REQUIRES: ir-recorder
// The IR recorder never sees the machine code, but a stack protector
// attribute tells it the backend will add `call __stack_chk_fail`: with
// -fstack-protector-all the facts list it as a libcall, as the LLVM 22
// recorder does from the machine call, and the object's relocation shows
// the call is there (docs/llvm19.md).
// RUN: %clang_sb -O2 -c %s -o %t.o -fstack-protector-all
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr %t.o | FileCheck %s --check-prefix=ASM

extern void sink(char *);
void guarded(void) { char buf[64]; sink(buf); }
// CHECK: .o: 1 functions (1 with calls from IR, LLVM 19: backend-added calls only as the IR implies them
// CHECK-NEXT: guarded (global, {{.*}}:[[@LINE-2]]:6) frame 72{{$}}
// CHECK-NEXT: call __stack_chk_fail (libcall){{$}}
// CHECK-NEXT: call sink at {{.*}}:[[@LINE-4]]:36{{$}}
// ASM: R_X86_64_PLT32 __stack_chk_fail
