// Each attribute takes exactly one argument; clang's own argument-count
// check reports the mistake at the attribute name (clang-19 names a scoped
// attribute without its scope: prefix CLANG19).
// RUN: not %clang_sb -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --check-prefixes=CHECK,%if llvm-19 %{CLANG19%} %else %{CLANG%}

__attribute__((stack_budget)) void none(void);
// CHECK: attributes-take-one-argument.c:[[@LINE-1]]:16: error: 'stack_budget' attribute takes one argument

__attribute__((stack_entry("irq", "nmi"))) void two(void);
// CHECK: attributes-take-one-argument.c:[[@LINE-1]]:16: error: 'stack_entry' attribute takes one argument

[[stackbudget::stack_budget]] void scoped_none(void);
// CLANG: attributes-take-one-argument.c:[[@LINE-1]]:3: error: 'stackbudget::stack_budget' attribute takes one argument
// CLANG19: attributes-take-one-argument.c:[[@LINE-2]]:3: error: 'stack_budget' attribute takes one argument
