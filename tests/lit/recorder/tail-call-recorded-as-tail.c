// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: tail jumps are decided by the backend; docs/llvm19.md)
// A call in tail position that the backend turns into a jump is recorded as
// a tail call (it replaces the caller's frame); the object really has a jmp.
// A call that is not in tail position stays a plain call.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern int next(int);

int forward(int x) { return next(x + 1); }
// SU: tail-call-recorded-as-tail.c:[[@LINE-1]]:forward{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      forward (global, {{.*}}:[[@LINE-2]]:5) frame 0{{$}}
// CHECK-NEXT:   tail call next at {{.*}}tail-call-recorded-as-tail.c:[[@LINE-3]]:29{{$}}
// ASM-LABEL: <forward>:
// ASM:       jmp
// ASM-NEXT:  R_X86_64_PLT32 next-0x4

int twice(int x) { return next(x) + 1; }
// SU: tail-call-recorded-as-tail.c:[[@LINE-1]]:twice{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK:      twice (global, {{.*}}:[[@LINE-2]]:5) frame 8{{$}}
// CHECK-NEXT:   call next at {{.*}}tail-call-recorded-as-tail.c:[[@LINE-3]]:27{{$}}
// ASM-LABEL: <twice>:
// ASM:       call
// ASM-NEXT:  R_X86_64_PLT32 next-0x4
