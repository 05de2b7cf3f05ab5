// REQUIRES: mf-pass
// (the compile-time path check runs in the LLVM 22 recorder; docs/llvm19.md)
// A chain of direct calls inside one TU is a path of the final program: when
// it alone exceeds the stack (16384 bytes without a profile), the compile
// warns at the entry's definition, one note per hop, in the words of the
// whole-program check. Calls that leave the TU add their return address and
// make the total "at least".
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -fstack-usage -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=SU < %t.su
// The same findings through the pass-plugin door:
// RUN: %clang --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t2.o -fpass-plugin=%plugin 2>&1 | FileCheck %s
// tu-check=0 turns it off:
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t3.o -fplugin-arg-stackbudget-tu-check=0 2>&1 | count 0

void sink(volatile char *);

static void __attribute__((noinline)) leaf(void) {
  volatile char buf[9000];
  sink(buf);
}
// SU-DAG: [[@LINE-4]]:leaf{{[[:space:]]}}9000{{[[:space:]]}}static

static void __attribute__((noinline)) middle(void) {
  volatile char buf[8000];
  sink(buf);
  leaf();
}
// SU-DAG: [[@LINE-5]]:middle{{[[:space:]]}}8008{{[[:space:]]}}static

void entry(void) {
  middle();
}
// SU-DAG: [[@LINE-3]]:entry{{[[:space:]]}}0{{[[:space:]]}}static
// Hand sum: entry 0 + 8 (call into it) = 8; the tail call replaces entry's
// frame: 8 + 8008 = 8016; + 8 + 9000 = 17024; + 8 for the call to 'sink'
// (not in this TU) = 17032, at least.
// CHECK: tu-path-over-budget-warns-at-definition.c:[[@LINE-7]]:6: warning: stack path from 'entry' may use at least 17032 bytes, over the 16384-byte budget of stack 'task' [stackbudget-path]
// CHECK: tu-path-over-budget-warns-at-definition.c:[[@LINE-8]]:6: note: 'entry' frame 0, total 8
// CHECK: tu-path-over-budget-warns-at-definition.c:[[@LINE-8]]:3: note: tail-calls 'middle' frame 8008, total 8016
// CHECK: tu-path-over-budget-warns-at-definition.c:[[@LINE-14]]:3: note: calls 'leaf' frame 9000, total 17024
// CHECK: tu-path-over-budget-warns-at-definition.c:[[@LINE-22]]:3: note: calls 'sink' frame 0 + unknown, total 17032
// CHECK-NOT: warning:
// CHECK: 1 warning generated.

// Under the budget: no finding.
void small(void) {
  volatile char buf[100];
  sink(buf);
}
