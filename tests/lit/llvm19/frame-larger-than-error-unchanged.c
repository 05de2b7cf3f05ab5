// -Werror=frame-larger-than fails the compile with the same message with and
// without the plugin: the forwarded diagnostic keeps clang's severity mapping.
// RUN: not %clang -O2 -c %s -o %t.plain.o -Werror=frame-larger-than -Wframe-larger-than=512 2> %t.plain.txt
// RUN: not %clang_sb -O2 -c %s -o %t.sb.o -Werror=frame-larger-than -Wframe-larger-than=512 2> %t.sb.txt
// RUN: diff %t.plain.txt %t.sb.txt
// RUN: FileCheck %s < %t.sb.txt

extern void sink(char *);

int big(int n) {
// CHECK: frame-larger-than-error-unchanged.c:[[@LINE-1]]:5: error: stack frame size (1320) exceeds limit (512) in 'big' [-Werror,-Wframe-larger-than]
  char buf[1300];
  sink(buf);
  return buf[n];
}
