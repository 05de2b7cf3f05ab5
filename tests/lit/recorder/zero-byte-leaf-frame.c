// A leaf that keeps everything in registers reserves no stack at all: the
// facts say frame 0 (not "unknown", not absent), as -fstack-usage does.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

int add(int a, int b) { return a + b; }
// SU: zero-byte-leaf-frame.c:[[@LINE-1]]:add{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      1 functions
// CHECK-NEXT: add (global, {{.*}}zero-byte-leaf-frame.c:[[@LINE-3]]:5) frame 0{{$}}
// CHECK-NOT:  call
