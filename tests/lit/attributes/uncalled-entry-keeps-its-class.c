// Without a profile every uncalled function is an entry; one marked
// stack_entry("irq") is checked under class 'irq', not 'uncalled', and
// only once. Hand sum, frame from -fstack-usage: 8 (the call into on_irq)
// + 72 + 8 (its call of sink, which has no facts) = 88 plus unknown.
// RUN: %clang_sb -mno-red-zone -O2 -c %s -o %t.o
// RUN: %stackbudget check --stack-size=64 %t.o 2>&1 | FileCheck %s
// RUN: %clang -O2 -fstack-usage -c %s -o %t.su.o
// RUN: FileCheck %s --check-prefix=SU < %t.su.su

extern void sink(char *);

__attribute__((stack_entry("irq"))) void on_irq(void) {
  char buf[64];
  sink(buf);
}

void helper(void) { sink(0); }

// SU: uncalled-entry-keeps-its-class.c:12:on_irq{{[[:space:]]}}72{{[[:space:]]}}static
// CHECK:      uncalled-entry-keeps-its-class.c:[[@LINE-8]]:42: warning: stack path from 'on_irq' may use at least 88 bytes, over the 64-byte budget of stack 'task' [stackbudget-path]
// CHECK:      stackbudget: 2 entries on 1 stack:
// CHECK-NEXT: stackbudget: class 'uncalled' on stack 'task' (budget 64 bytes): 1 entry, 0 finite, 1 unknown, 0 over budget; no finite bound
// CHECK-NEXT: stackbudget: class 'irq' on stack 'task' (budget 64 bytes): 1 entry, 0 finite, 1 unknown, 1 over budget; no finite bound
