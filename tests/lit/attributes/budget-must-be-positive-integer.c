// A stack_budget that is not a positive integer constant is an error at
// the argument; nothing else is diagnosed.
// RUN: not %clang_sb -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

int limit(void);

__attribute__((stack_budget(0))) void zero(void);
// CHECK: budget-must-be-positive-integer.c:[[@LINE-1]]:29: error: 'stack_budget' attribute requires a positive integer constant number of bytes, as in stack_budget(8192)

__attribute__((stack_budget(-4096))) void negative(void);
// CHECK: budget-must-be-positive-integer.c:[[@LINE-1]]:29: error: 'stack_budget' attribute requires a positive integer constant number of bytes

__attribute__((stack_budget("8192"))) void string(void);
// CHECK: budget-must-be-positive-integer.c:[[@LINE-1]]:29: error: 'stack_budget' attribute requires a positive integer constant number of bytes

__attribute__((stack_budget(limit()))) void not_constant(void);
// CHECK: budget-must-be-positive-integer.c:[[@LINE-1]]:29: error: 'stack_budget' attribute requires a positive integer constant number of bytes

// A constant expression is fine.
__attribute__((stack_budget(16 * 1024 - 168))) void computed(void);
