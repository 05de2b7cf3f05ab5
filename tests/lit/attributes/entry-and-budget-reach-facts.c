// stack_entry("cls") and stack_budget(N) on a function reach its facts
// record as "entry" and "budget", at -O2 and at -O0; unmarked functions get
// neither.
// RUN: %clang_sb -O2 -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o | %python %S/Inputs/entry-budget.py | FileCheck %s
// RUN: %clang_sb -O0 -c %s -o %t0.o
// RUN: %stackbudget facts --json %t0.o | %python %S/Inputs/entry-budget.py | FileCheck %s

extern void sink(char *);

__attribute__((stack_entry("irq"))) __attribute__((stack_budget(4096)))
void on_irq(void) {
  char buf[64];
  sink(buf);
}

__attribute__((stack_budget(8192))) void worker(void) { sink(0); }

void plain(void) { sink(0); }

// CHECK:      {{^}}on_irq entry=irq budget=4096{{$}}
// CHECK-NEXT: {{^}}plain{{$}}
// CHECK-NEXT: {{^}}worker budget=8192{{$}}
// CHECK-EMPTY:
