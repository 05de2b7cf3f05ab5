// The facts travel in the object itself, in a section flagged E
// (SHF_EXCLUDE) that `stackbudget facts` reads back.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: %readelf -S %t.o | FileCheck %s --check-prefix=SECTION
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

extern void sink(char *);
int reader(int n) { char buf[200]; sink(buf); return buf[n]; }

// SECTION: .note.stackbudget NOTE {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 E 0 0 4
// SU: facts-in-relocatable-object.c:9:reader{{[[:space:]]}}216{{[[:space:]]}}static
// CHECK: facts-in-relocatable-object.c.tmp.o: 1 functions
// CHECK-NEXT: reader (global, {{.*}}facts-in-relocatable-object.c:9:5) frame 216
