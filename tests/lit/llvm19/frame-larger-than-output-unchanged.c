// The user's own -Wframe-larger-than=N prints exactly the same with and
// without the plugin. On LLVM 19 the recorder lowers every function's
// warn-stack-size to 0 to learn its frame, and passes on only the warnings
// the user's limit asks for, rebuilt with that limit.
// RUN: %clang -O2 -c %s -o %t.plain.o -Wframe-larger-than=100 2> %t.plain.txt
// RUN: %clang_sb -O2 -c %s -o %t.sb.o -Wframe-larger-than=100 2> %t.sb.txt
// RUN: diff %t.plain.txt %t.sb.txt
// RUN: FileCheck %s < %t.sb.txt --implicit-check-not=warning:

extern void sink(char *);

int big(int n) {
// CHECK: frame-larger-than-output-unchanged.c:[[@LINE-1]]:5: warning: stack frame size (1320) exceeds limit (100) in 'big' [-Wframe-larger-than]
  char buf[1300];
  sink(buf);
  return buf[n];
}

int under(int n) {
  char buf[60];
  sink(buf);
  return buf[n];
}

int leaf(int x) { return x * 3; }
// CHECK: 1 warning generated.
