// A function whose frame exceeds frame-limit gets a warning at its name,
// from clang's diagnostics engine; smaller frames stay silent.
// RUN: %clang_sb -O2 -c %s -o /dev/null -fplugin-arg-stackbudget-frame-limit=1024 2>&1 | FileCheck %s --implicit-check-not=warning:
// The frame number is the one -fstack-usage prints:
// RUN: %clang -O2 -c %s -o %t.o -fstack-usage && FileCheck %s --check-prefix=SU < %t.su

extern void sink(char *);

int parse(int n) {
// CHECK: frame-limit-warns-at-definition.c:[[@LINE-1]]:5: warning: stack frame of 'parse' is 1320 bytes, over the 1024-byte frame budget [stackbudget-frame]
// SU: frame-limit-warns-at-definition.c:[[@LINE-2]]:parse{{[[:space:]]}}1320{{[[:space:]]}}static
  char buf[1300];
  sink(buf);
  return buf[n];
}

int small(int n) {
  char buf[100];
  sink(buf);
  return buf[n];
}
