// A 4000-byte local array: the frame is the array plus alignment padding
// plus the return-address slot alignment, exactly the .su number.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

extern void sink(char *);

int big(int n) {
  char buf[4000];
  sink(buf);
  return buf[n];
}
// SU: big-array-frame.c:[[@LINE-5]]:big{{[[:space:]]}}4008{{[[:space:]]}}static
// CHECK:      big (global, {{.*}}big-array-frame.c:[[@LINE-6]]:5) frame 4008{{$}}
// CHECK-NEXT:   call sink at {{.*}}big-array-frame.c:[[@LINE-5]]:3
