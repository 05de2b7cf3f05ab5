// REQUIRES: mf-pass
// The compile-time path check uses the budgets the link-time check would:
// stack-size=N (or a profile=FILE's stacks) given to the plugin. Under the
// default 16384 bytes this TU is fine; with a 4096-byte stack its direct
// chain is not.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -fstack-usage -c %s -o %t.o 2>&1 | count 0
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t.o -fplugin-arg-stackbudget-stack-size=4096 2>&1 | FileCheck %s
// RUN: env STACKBUDGET_OPTIONS=stack-size=4096 %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t.o 2>&1 | FileCheck %s
// In error mode the finding fails the compile:
// RUN: not %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t.err.o -fplugin-arg-stackbudget-stack-size=4096 -fplugin-arg-stackbudget-error 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not test -e %t.err.o

void sink(volatile char *);

static void __attribute__((noinline)) parse(void) {
  volatile char buf[3000];
  sink(buf);
}
// SU-DAG: [[@LINE-4]]:parse{{[[:space:]]}}3000{{[[:space:]]}}static

int handler(void) {
  volatile char buf[2000];
  sink(buf);
  parse();
  return buf[1];
}
// SU-DAG: [[@LINE-6]]:handler{{[[:space:]]}}2008{{[[:space:]]}}static
// Hand sum: 8 + 2008 = 2016; + 8 + 3000 = 5024; + 8 for 'sink' = 5032.
// CHECK: tu-path-budget-from-options.c:[[@LINE-8]]:5: warning: stack path from 'handler' may use at least 5032 bytes, over the 4096-byte budget of stack 'task' [stackbudget-path]
// CHECK: note: 'handler' frame 2008, total 2016
// CHECK: tu-path-budget-from-options.c:[[@LINE-7]]:3: note: calls 'parse' frame 3000, total 5024
// CHECK: tu-path-budget-from-options.c:[[@LINE-15]]:3: note: calls 'sink' frame 0 + unknown, total 5032
// ERR: tu-path-budget-from-options.c:[[@LINE-12]]:5: error: stack path from 'handler' may use at least 5032 bytes, over the 4096-byte budget of stack 'task' [stackbudget-path]
