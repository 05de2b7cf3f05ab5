// A stack_entry whose class is not a string literal of letters, digits,
// '_', '-' and '.' is an error at the argument.
// RUN: not %clang_sb -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

__attribute__((stack_entry(1))) void number(void);
// CHECK: entry-class-must-be-string.c:[[@LINE-1]]:28: error: 'stack_entry' attribute requires a string literal naming an entry class, as in stack_entry("irq")

__attribute__((stack_entry(""))) void empty(void);
// CHECK: entry-class-must-be-string.c:[[@LINE-1]]:28: error: entry class '' of 'stack_entry' attribute must be non-empty and use only letters, digits, '_', '-' and '.'

__attribute__((stack_entry("irq stack"))) void space(void);
// CHECK: entry-class-must-be-string.c:[[@LINE-1]]:28: error: entry class 'irq stack' of 'stack_entry' attribute must be non-empty

__attribute__((stack_entry(L"irq"))) void wide(void);
// CHECK: entry-class-must-be-string.c:[[@LINE-1]]:28: error: 'stack_entry' attribute requires a string literal naming an entry class

__attribute__((stack_entry("x86.irq-v2_1"))) void fine(void);
