// __builtin_alloca(n & 0x3ff), as the kernel's RANDOMIZE_KSTACK_OFFSET does:
// the size is at most 1023 bytes; the backend rounds every dynamic
// allocation up to the 16-byte stack alignment ((1023 + 15) & ~15 = 1024),
// so the bound is 1024. The objdump lines show that rounding.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern void fill(char *);

int offset(unsigned n) {
  char *p = __builtin_alloca(n & 0x3ff);
  fill(p);
  return p[0];
}
// SU: alloca-masked-size-is-bounded.c:[[@LINE-5]]:offset{{[[:space:]]}}24{{[[:space:]]}}dynamic
// CHECK: offset (global, {{.*}}:[[@LINE-6]]:5) frame 24 + dynamic, bounded by 1024{{$}}
// ASM-LABEL: <offset>:
// ASM:       andl $0x3ff, %edi
// ASM:       addl $0xf, %edi
// ASM-NEXT:  andl $-0x10, %edi
// ASM-NEXT:  subq %rdi, %rbx
