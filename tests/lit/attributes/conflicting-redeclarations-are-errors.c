// Two declarations of one function that give different classes or budgets
// are an error at the later one, with a note at the earlier one. Repeating
// the same value is fine.
// RUN: not %clang_sb -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:

__attribute__((stack_entry("irq"))) __attribute__((stack_budget(4096))) void handler(void);
// CHECK-DAG: conflicting-redeclarations-are-errors.c:[[@LINE-1]]:28: note: earlier entry class is here
// CHECK-DAG: conflicting-redeclarations-are-errors.c:[[@LINE-2]]:65: note: earlier budget is here
__attribute__((stack_entry("nmi"))) void handler(void);
// CHECK-DAG: conflicting-redeclarations-are-errors.c:[[@LINE-1]]:28: error: entry class 'nmi' of 'handler' conflicts with 'irq' given earlier
__attribute__((stack_budget(8192))) void handler(void) {}
// CHECK-DAG: conflicting-redeclarations-are-errors.c:[[@LINE-1]]:29: error: stack budget of 8192 bytes for 'handler' conflicts with 4096 bytes given earlier

__attribute__((stack_budget(100))) __attribute__((stack_budget(200))) void twice(void);
// CHECK-DAG: conflicting-redeclarations-are-errors.c:[[@LINE-1]]:64: error: 'stack_budget' attribute gives a budget of 200 bytes, but the declaration already gives 100

__attribute__((stack_budget(300))) void same(void);
__attribute__((stack_budget(300))) void same(void) {}
