// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: __stack_chk_fail is added by the backend; docs/llvm19.md)
// -fstack-protector-strong adds a call to __stack_chk_fail on the failure
// path of every function with an array; the call is in the machine code,
// not in the source, and is recorded with origin libcall. The canary slot is
// part of the frame, as in the .su.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -fstack-protector-strong -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern void fill(char *);

int guarded(int i) {
  char buf[64];
  fill(buf);
  return buf[i];
}
// SU: stack-protector-call-is-libcall.c:[[@LINE-5]]:guarded{{[[:space:]]}}88{{[[:space:]]}}static
// CHECK:      guarded (global, {{.*}}:[[@LINE-6]]:5) frame 88{{$}}
// CHECK-NEXT:   call fill at
// CHECK-NEXT:   call __stack_chk_fail (libcall){{$}}
// ASM-LABEL: <guarded>:
// ASM: R_X86_64_PLT32 fill-0x4
// ASM: call
// ASM-NEXT: R_X86_64_PLT32 __stack_chk_fail-0x4

int unguarded(int i) { return i * 3; }
// CHECK:      unguarded (global, {{.*}}) frame 0{{$}}
// CHECK-NOT:  __stack_chk_fail
