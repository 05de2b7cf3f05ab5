// `call *%rax` in inline asm has a target the recorder cannot know: it is
// recorded as an asm call without callee, with the reason and location, so
// that a path through it is "unknown", never silently complete.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s

void jump_to(void *p) {
  asm volatile("mov %0, %%rax\n\tcall *%%rax" :: "r"(p) : "rax", "memory");
}
// SU: asm-call-register-is-unknown.c:[[@LINE-3]]:jump_to{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      jump_to (global, {{.*}}:[[@LINE-4]]:6) frame 0{{$}}
// CHECK-NEXT:   asm call <unknown> at {{.*}}:[[@LINE-4]]:3: inline asm calls '*%rax', a target the recorder cannot read{{$}}
