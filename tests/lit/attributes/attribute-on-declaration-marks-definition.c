// An attribute on a prototype (as in a header) marks the definition that
// follows without one.
// RUN: %clang_sb -O2 -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o | %python %S/Inputs/entry-budget.py | FileCheck %s

extern void sink(char *);

__attribute__((stack_entry("syscall"))) long sys_foo(long);
long sys_foo(long);
__attribute__((stack_budget(12288))) long sys_foo(long);

long sys_foo(long n) {
  sink(0);
  return n;
}

// CHECK:      {{^}}sys_foo entry=syscall budget=12288{{$}}
// CHECK-EMPTY:
