// `asm goto` jumps to a C label of the same function (the kernel's
// static_cpu_has() and static keys): local control flow, not a call, so no
// asm call is recorded; a real call in the same function still is.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s --implicit-check-not="asm call" --check-prefixes=CHECK,%if mf-pass %{MF%} %else %{IR%}

extern int slow(int);

int fast_or_slow(int x) {
  asm goto("jmp %l[no]" :::: no);
  return x;
no:
  return slow(x);
}
// CHECK: fast_or_slow (global, {{.*}}:[[@LINE-6]]:5) frame 0{{$}}
// MF-NEXT: tail call slow at
// LLVM 19 lists a tail jump as a call (docs/llvm19.md).
// IR-NEXT: call slow at
