// stack_entry and stack_budget on anything but a function are errors at
// the attribute name.
// RUN: not %clang_sb -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

__attribute__((stack_budget(4096))) int counter;
// CHECK: attributes-apply-only-to-functions.c:[[@LINE-1]]:16: error: 'stack_budget' attribute only applies to functions

struct ops {
  void (*handler)(void) __attribute__((stack_entry("irq")));
// CHECK: attributes-apply-only-to-functions.c:[[@LINE-1]]:40: error: 'stack_entry' attribute only applies to functions
};

typedef void handler_fn(void) __attribute__((stack_budget(128)));
// CHECK: attributes-apply-only-to-functions.c:[[@LINE-1]]:46: error: 'stack_budget' attribute only applies to functions
