// Linkage is recorded as the linker will see it: weak definitions (which a
// strong one elsewhere may replace), globals, and locals.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %readelf -s %t.o | FileCheck %s --check-prefix=SYM

__attribute__((weak)) int hook(int x) { return x; }
int strong(int x) { return hook(x) + 1; }
static int hidden(int x) { return x * 7; }
int (*keep)(int) = hidden;

// CHECK: hook (weak, {{.*}}:[[@LINE-5]]:27) frame 0{{$}}
// CHECK: strong (global, {{.*}}:[[@LINE-5]]:5) frame 8{{$}}
// CHECK: hidden (local, {{.*}}:[[@LINE-5]]:12) frame 0, address taken, ctype 0x{{[0-9a-f]+}}{{$}}
// SYM-DAG: FUNC    WEAK   DEFAULT {{.*}} hook
// SYM-DAG: FUNC    GLOBAL DEFAULT {{.*}} strong
// SYM-DAG: FUNC    LOCAL  DEFAULT {{.*}} hidden
