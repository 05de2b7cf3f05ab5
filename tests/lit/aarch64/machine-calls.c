// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: tail jumps are decided by the backend; docs/llvm19.md)
// AArch64 machine calls: `bl` to a symbol is a direct call, `b` to a
// symbol in tail position a tail call, `blr` an indirect call and `br` an
// indirect tail call, each typed by its C type; the object really has
// those instructions. Frames equal -fstack-usage.
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern int next(int);
int (*hook)(int);

int twice(int x) { return next(x) + 1; }
// SU: machine-calls.c:[[@LINE-1]]:twice{{[[:space:]]}}16{{[[:space:]]}}static
// CHECK:      twice (global, {{.*}}:[[@LINE-2]]:5) frame 16, return address saved at entry-8{{$}}
// CHECK-NEXT:   call next at {{.*}}machine-calls.c:[[@LINE-3]]:27{{$}}
// ASM-LABEL: <twice>:
// ASM:       bl
// ASM-NEXT:  R_AARCH64_CALL26 next

int forward(int x) { return next(x + 1); }
// SU: machine-calls.c:[[@LINE-1]]:forward{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      forward (global, {{.*}}:[[@LINE-2]]:5) frame 0{{$}}
// CHECK-NEXT:   tail call next at {{.*}}machine-calls.c:[[@LINE-3]]:29{{$}}
// ASM-LABEL: <forward>:
// ASM:       b
// ASM-NEXT:  R_AARCH64_JUMP26 next

int through(int x) { return hook(x) + 1; }
// SU: machine-calls.c:[[@LINE-1]]:through{{[[:space:]]}}16{{[[:space:]]}}static
// CHECK:      through (global, {{.*}}:[[@LINE-2]]:5) frame 16, return address saved at entry-8{{$}}
// CHECK-NEXT:   indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} at {{.*}}machine-calls.c:[[@LINE-3]]:29{{$}}
// ASM-LABEL: <through>:
// ASM:       blr x8

int handoff(int x) { return hook(x); }
// SU: machine-calls.c:[[@LINE-1]]:handoff{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      handoff (global, {{.*}}:[[@LINE-2]]:5) frame 0{{$}}
// CHECK-NEXT:   tail indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} at {{.*}}machine-calls.c:[[@LINE-3]]:29{{$}}
// ASM-LABEL: <handoff>:
// ASM:       br x1
