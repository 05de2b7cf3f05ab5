// REQUIRES: mf-pass
// (the compile-time path check runs in the LLVM 22 recorder; docs/llvm19.md)
// The compile-time path check takes the call overhead from the TU's
// target too: on AArch64 a call adds nothing besides the callee's frame.
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -fstack-usage -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=SU < %t.su
void sink(volatile char *);
static void __attribute__((noinline)) leaf(void) { volatile char buf[9000]; sink(buf); }
// SU-DAG: [[@LINE-1]]:leaf{{[[:space:]]}}9040{{[[:space:]]}}static
static void __attribute__((noinline)) middle(void) { volatile char buf[8000]; sink(buf); leaf(); }
// SU-DAG: [[@LINE-1]]:middle{{[[:space:]]}}8032{{[[:space:]]}}static
void entry(void) { middle(); }
// SU-DAG: [[@LINE-1]]:entry{{[[:space:]]}}0{{[[:space:]]}}static
// Hand sum: entry 0; its tail call replaces its frame: 8032; + 9040 =
// 17072 (x86-64 would add 8 per call); 'sink' is not in this TU: at least.
// CHECK: tu-path-has-no-call-overhead.c:[[@LINE-4]]:6: warning: stack path from 'entry' may use at least 17072 bytes, over the 16384-byte budget of stack 'task' [stackbudget-path]
// CHECK: note: 'entry' frame 0, total 0
// CHECK: note: tail-calls 'middle' frame 8032, total 8032
// CHECK: note: calls 'leaf' frame 9040, total 17072
// CHECK: note: calls 'sink' frame 0 + unknown, total 17072
