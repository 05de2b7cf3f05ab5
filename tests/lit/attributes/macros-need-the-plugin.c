// STACK_ENTRY and STACK_BUDGET from include/stackbudget.h expand to the
// attributes when the plugin is loaded, and to nothing without it (or with
// STACKBUDGET_NO_ATTRIBUTES), so the same source builds everywhere.
// RUN: %clang_sb -E -P -I %S/../../../include %s | FileCheck %s --check-prefix=PLUGIN
// RUN: %clang -E -P -I %S/../../../include %s | FileCheck %s --check-prefix=PLAIN
// RUN: %clang_sb -E -P -DSTACKBUDGET_NO_ATTRIBUTES -I %S/../../../include %s | FileCheck %s --check-prefix=PLAIN
// Without the plugin the marked code compiles with no diagnostic at all:
// RUN: %clang -Wall -Wextra -Werror -c -I %S/../../../include %s -o /dev/null
// With it, the marks reach the facts:
// RUN: %clang_sb -O2 -c -I %S/../../../include %s -o %t.o
// RUN: %stackbudget facts --json %t.o | %python %S/Inputs/entry-budget.py | FileCheck %s --check-prefix=FACTS

#include "stackbudget.h"

extern void sink(char *);

STACK_ENTRY("irq") STACK_BUDGET(4096) void on_irq(void) { sink(0); }

// PLUGIN: __attribute__((stack_entry("irq"))) __attribute__((stack_budget(4096))) void on_irq(void) { sink(0); }
// PLAIN: {{^}} void on_irq(void) { sink(0); }
// FACTS: {{^}}on_irq entry=irq budget=4096{{$}}
