// REQUIRES: ir-recorder
// Which calls become jumps is decided by the backend; IR says so for sure
// only for musttail. The IR recorder records a plain call (the caller's
// frame stays on the path: an over-estimate, never an under-estimate), while
// the machine code has a jump.
// RUN: %clang_sb -mno-red-zone -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern int callee(int);
int forward(int x) { return callee(x + 1); }
// CHECK: forward (global, {{.*}}) frame 0{{$}}
// CHECK-NEXT: {{^}}    call callee at {{.*}}tail-call-is-a-call-from-ir.c:[[@LINE-2]]
// ASM: <forward>:
// ASM: jmp {{.*}}<forward+
