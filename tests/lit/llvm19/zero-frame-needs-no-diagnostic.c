// REQUIRES: ir-recorder
// A function with no frame raises no stack-size diagnostic (the backend
// warns only when the frame is larger than the limit, and the limit is 0),
// so its record keeps the frame 0 written before codegen: -fstack-usage
// says 0 too.
// RUN: %clang_sb -O2 -c %s -o %t.o -fstack-usage
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: FileCheck %s --check-prefix=SU < %t.su

int leaf(int x) { return x * 3; }
// CHECK: leaf (global, {{.*}}zero-frame-needs-no-diagnostic.c:[[@LINE-1]]:5) frame 0
// SU: zero-frame-needs-no-diagnostic.c:[[@LINE-2]]:leaf{{[[:space:]]}}0{{[[:space:]]}}static

extern void sink(char *);
int withframe(void) {
// CHECK: withframe (global, {{.*}}:[[@LINE-1]]:5) frame 88
// SU: zero-frame-needs-no-diagnostic.c:[[@LINE-2]]:withframe{{[[:space:]]}}88{{[[:space:]]}}static
  char buf[80];
  sink(buf);
  return buf[3];
}
