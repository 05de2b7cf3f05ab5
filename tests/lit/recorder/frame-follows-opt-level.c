// The frame is taken after prologue/epilogue insertion and inlining, so it
// follows the optimization level exactly as -fstack-usage does: at -O0 the
// helper keeps its own frame, at -O2 and -Os it is inlined (twice at -O2,
// with the two arrays kept apart; merged at -Os). clang-19 lays out the
// -O2 frame differently (its own -fstack-usage says 520, clang-22's 472):
// the recorder follows the compiler it runs in.
// RUN: %clang_sb --target=x86_64-linux-gnu -O0 -c %s -o %t0.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-O0 < %t0.su
// RUN: %stackbudget facts %t0.o | FileCheck %s --check-prefix=O0
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t2.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-O2 -DO2_FRAME=%if llvm-19 %{520%} %else %{472%} < %t2.su
// RUN: %stackbudget facts %t2.o | FileCheck %s --check-prefix=O2 -DO2_FRAME=%if llvm-19 %{520%} %else %{472%}
// RUN: %clang_sb --target=x86_64-linux-gnu -Os -c %s -o %ts.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-Os < %ts.su
// RUN: %stackbudget facts %ts.o | FileCheck %s --check-prefix=Os

extern long sink(long *, int);

static long helper(int n) {
  long tmp[32];
  for (int i = 0; i < 32; i++)
    tmp[i] = i * n;
  return sink(tmp, n);
}
// SU-O0-DAG: frame-follows-opt-level.c:[[@LINE-6]]:helper{{[[:space:]]}}296{{[[:space:]]}}static
// O0-DAG: helper (local, {{.*}}:[[@LINE-7]]:13) frame 296{{$}}

long outer(int n, long a, long b) {
  long buf[10];
  long r = sink(buf, n) + helper(n) + helper(n + 1);
  return r + a * b;
}
// SU-O0-DAG: frame-follows-opt-level.c:[[@LINE-5]]:outer{{[[:space:]]}}152{{[[:space:]]}}static
// SU-O2:     frame-follows-opt-level.c:[[@LINE-6]]:outer{{[[:space:]]}}[[O2_FRAME]]{{[[:space:]]}}static
// SU-Os:     frame-follows-opt-level.c:[[@LINE-7]]:outer{{[[:space:]]}}376{{[[:space:]]}}static
// O0-DAG:    outer (global, {{.*}}:[[@LINE-8]]:6) frame 152{{$}}
// O2:        1 functions
// O2-NEXT:   outer (global, {{.*}}:[[@LINE-10]]:6) frame [[O2_FRAME]]{{$}}
// Os:        1 functions
// Os-NEXT:   outer (global, {{.*}}:[[@LINE-12]]:6) frame 376{{$}}
