// The marks change no code: built with the plugin and the attributes, the
// object has the same code, unwind tables and symbols as built without the
// plugin (where the macros expand to nothing).
// RUN: %clang_sb -O2 -c -I %S/../../../include %s -o %t.sb.o
// RUN: %clang -O2 -c -I %S/../../../include %s -o %t.plain.o
// RUN: %stackbudget facts --json %t.sb.o | %python %S/Inputs/entry-budget.py | FileCheck %s
// RUN: %readelf -x .text -x .rela.text -x .eh_frame --symbols %t.sb.o > %t.sb.txt
// RUN: %readelf -x .text -x .rela.text -x .eh_frame --symbols %t.plain.o > %t.plain.txt
// RUN: diff %t.sb.txt %t.plain.txt

#include "stackbudget.h"

extern void sink(char *);

// Unmarked, small and static: inlined into its only caller either way.
static void fill(char *p) { sink(p); }

STACK_ENTRY("irq") STACK_BUDGET(1024) void on_irq(void) {
  char buf[100];
  fill(buf);
}

STACK_BUDGET(512) static int helper(int x) { return x * 3; }
int use(int x) { return helper(x) + 1; }

// helper is inlined and emitted nowhere, so only on_irq carries marks.
// CHECK:      {{^}}on_irq entry=irq budget=1024{{$}}
// CHECK-NEXT: {{^}}use{{$}}
// CHECK-EMPTY:
