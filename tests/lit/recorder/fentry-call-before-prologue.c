// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: __fentry__ is added by the backend; docs/llvm19.md)
// -pg -mfentry puts `call __fentry__` before the prologue of every
// function. The pass that inserts it runs after the recorder, which records
// it from the function's "fentry-call" attribute, with origin fentry.
// `notrace` functions have none.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -pg -mfentry -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern int work(int);

int traced(int x) { return work(x) + 1; }
// SU: fentry-call-before-prologue.c:[[@LINE-1]]:traced{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK:      traced (global, {{.*}}:[[@LINE-2]]:5) frame 8{{$}}
// CHECK-NEXT:   call __fentry__ (fentry){{$}}
// CHECK-NEXT:   call work at
// ASM-LABEL: <traced>:
// ASM-NEXT:  call
// ASM-NEXT:  R_X86_64_PLT32 __fentry__-0x4
// ASM-NEXT:  push

__attribute__((no_instrument_function)) int untraced(int x) { return x; }
// CHECK:      untraced (global, {{.*}}:[[@LINE-1]]:45) frame 0{{$}}
// CHECK-NOT:  __fentry__
// ASM-LABEL: <untraced>:
// ASM-NOT:   __fentry__
