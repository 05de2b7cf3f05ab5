// A VLA sized by an argument has no bound: the frame is the static part
// (the .su number, flagged "dynamic") and the dynamic part is unbounded with
// the reason and the allocation's location.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

extern void fill(char *, int);

int vla(int n) {
  char buf[n];
  fill(buf, n);
  return buf[0];
}
// SU: vla-is-dynamic-unbounded.c:[[@LINE-5]]:vla{{[[:space:]]}}24{{[[:space:]]}}dynamic
// CHECK: vla (global, {{.*}}:[[@LINE-6]]:5) frame 24 + dynamic, unbounded (dynamic allocation of unbounded size at {{.*}}vla-is-dynamic-unbounded.c:[[@LINE-5]]:3){{$}}
