// An -flto "object" is LLVM bitcode: no code was generated, so there are no
// facts yet. The reader says so and where to look instead; exit code 1.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -flto -c %s -o %t.o
// RUN: sh -c '%stackbudget facts %t.o; echo "exit code $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: error: {{.*}}bitcode-input-explains.c.tmp.o: is LLVM bitcode: its facts are recorded when LTO generates code; load the plugin into the link (ld.lld --load-pass-plugin) or check the linked object instead
// CHECK: exit code 1
int f(int x) { return x; }
