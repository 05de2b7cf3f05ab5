// Without -Wframe-larger-than the plugin prints nothing, although on LLVM 19
// it asks the backend to report every frame larger than 0 bytes.
// RUN: %clang_sb -O2 -c %s -o %t.o 2>&1 | count 0
// RUN: %clang_sb -O0 -c %s -o %t.o 2>&1 | count 0

extern void sink(char *);

int big(int n) {
  char buf[1300];
  sink(buf);
  return buf[n];
}
