// Even a constant-sized alloca is unbounded when it sits in a loop: every
// trip allocates again and nothing is freed until the function returns.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

extern int fill(char *);

int per_item(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    char *p = __builtin_alloca(16);
    sum += fill(p);
  }
  return sum;
}
// SU: alloca-in-loop-is-unbounded.c:[[@LINE-8]]:per_item{{[[:space:]]}}{{[0-9]+}}{{[[:space:]]}}dynamic
// CHECK: per_item (global, {{.*}}:[[@LINE-9]]:5) frame {{[0-9]+}} + dynamic, unbounded (dynamic allocation in a loop at {{.*}}:[[@LINE-6]]:15){{$}}
