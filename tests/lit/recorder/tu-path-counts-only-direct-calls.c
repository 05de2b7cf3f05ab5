// REQUIRES: mf-pass
// The compile-time path check reports only what holds whatever the rest of
// the program is: a chain of direct calls. An indirect call's targets are
// not known in one TU (another TU may store anything into the pointer), and
// a recursion's trip bound is an upper bound, not a path; neither makes a
// compile-time warning. The whole-program check still sees both.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -fstack-usage -c %s -o %t.o 2>&1 | count 0
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget check --stack-size=16384 %t.o 2>&1 | FileCheck %s --check-prefix=LINK

void sink(volatile char *);

void __attribute__((noinline)) big(void) {
  volatile char buf[12000];
  sink(buf);
}
// SU-DAG: [[@LINE-4]]:big{{[[:space:]]}}12008{{[[:space:]]}}static

void (*hook)(void) = big;

void through_pointer(void) {
  volatile char buf[8000];
  sink(buf);
  hook();
}
// SU-DAG: [[@LINE-5]]:through_pointer{{[[:space:]]}}8008{{[[:space:]]}}static
// Hand sum at link time, 'big' the only candidate of its type:
// 8 + 8008 = 8016; + 8 + 12008 = 20032; + 8 for 'sink' = 20040.
// LINK-DAG: [[@LINE-8]]:6: warning: stack path from 'through_pointer' may use at least 20040 bytes, over the 16384-byte budget of stack 'task' [stackbudget-path]

int depth(int n) {
  volatile char buf[9000];
  sink(buf);
  return n ? depth(n - 1) + buf[n & 7] : 0;
}
// SU-DAG: [[@LINE-5]]:depth{{[[:space:]]}}9016{{[[:space:]]}}static
// Hand sum: 8 + 9016 = 9024; + 8 for 'sink' = 9032; the recursion adds an unknown.
// LINK-DAG: [[@LINE-7]]:5: warning: stack path from 'depth' may use 9032 bytes plus an unknown amount (2 unknowns); the budget of stack 'task' is 16384 bytes [stackbudget-unknown]
