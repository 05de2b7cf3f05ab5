// With the error option a frame over the limit is an error: the compile
// fails and writes no object. The same through STACKBUDGET_OPTIONS and
// -fpass-plugin.
// RUN: rm -f %t.o
// RUN: not %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fplugin-arg-stackbudget-frame-limit=512 -fplugin-arg-stackbudget-error 2>&1 | FileCheck %s
// RUN: not test -e %t.o
// clang-19 loads a -fpass-plugin only in its backend, without the clang
// half, so the finding has no definition to point at (docs/llvm19.md):
// RUN: env "STACKBUDGET_OPTIONS=frame-limit=512 error" not %clang --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fpass-plugin=%plugin 2>&1 | FileCheck %s %if ir-recorder %{--check-prefix=BARE%}
// BARE: {{^}}error: stack frame of 'parse' is 536 bytes, over the 512-byte frame budget [stackbudget-frame]
// The frame number is the one -fstack-usage prints:
// RUN: %clang --target=x86_64-linux-gnu -O2 -c %s -o %t.su.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su.su
// Under the limit the compile succeeds:
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fplugin-arg-stackbudget-frame-limit=600 -fplugin-arg-stackbudget-error

extern void sink(char *);

int parse(int n) {
// CHECK: frame-limit-error-fails-compile.c:[[@LINE-1]]:5: error: stack frame of 'parse' is 536 bytes, over the 512-byte frame budget [stackbudget-frame]
// SU: frame-limit-error-fails-compile.c:[[@LINE-2]]:parse{{[[:space:]]}}536{{[[:space:]]}}static
  char buf[520];
  sink(buf);
  return buf[n];
}
