// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: checks a tail jump, decided by the backend; docs/llvm19.md)
// Without -g the plugin turns on location tracking (clang's mode for
// optimization remarks), so every call has file:line:col, and the object
// gets no debug sections: it is the same as a build without the plugin.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %readelf -S %t.o | FileCheck %s --check-prefix=SECTIONS

extern void first(void);
extern void second(int);

void caller(int x) {
  first();
  if (x)
    second(x);
}
// CHECK:      caller (global, {{.*}}call-site-location-without-debug-info.c:[[@LINE-5]]:6) frame 8{{$}}
// CHECK-NEXT:   call first at {{.*}}call-site-location-without-debug-info.c:[[@LINE-5]]:3{{$}}
// CHECK-NEXT:   tail call second at {{.*}}call-site-location-without-debug-info.c:[[@LINE-4]]:5{{$}}
// SECTIONS-NOT: .debug_
