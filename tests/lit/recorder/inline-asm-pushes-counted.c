// Inline asm that pushes holds stack no frame counts. The kernel's
// sync_core() does an IRET to itself: five 8-byte pushes, then iretq pops
// them, so 40 bytes are on the stack at once; arch_local_save_flags() does
// `pushf; pop`, 8 bytes (its "=rm" output also takes an 8-byte frame
// slot). The facts add the most any asm statement of the function holds;
// -fstack-usage and the frame do not change.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -fstack-usage -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

void sync_core_like(void) {
  unsigned int tmp;
  __asm__ volatile("mov %%ss, %0\n\t"
                   "pushq %q0\n\t"
                   "pushq %%rsp\n\t"
                   "addq $8, (%%rsp)\n\t"
                   "pushfq\n\t"
                   "mov %%cs, %0\n\t"
                   "pushq %q0\n\t"
                   "pushq $1f\n\t"
                   "iretq\n\t"
                   "1:"
                   : "=&r"(tmp) : : "cc", "memory");
}
// SU: [[@LINE-14]]:sync_core_like{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK: sync_core_like (global, {{.*}}:[[@LINE-15]]:6) frame 0 + inline asm 40{{$}}
// ASM-LABEL: <sync_core_like>:
// ASM-NEXT:  movl %ss, %eax
// ASM-NEXT:  pushq %rax
// ASM-NEXT:  pushq %rsp
// ASM-NEXT:  addq $0x8, (%rsp)
// ASM-NEXT:  pushfq
// ASM-NEXT:  movl %cs, %eax
// ASM-NEXT:  pushq %rax
// ASM-NEXT:  pushq $0x0
// ASM-NEXT:  iretq

unsigned long save_flags(void) {
  unsigned long flags;
  __asm__ volatile("pushf ; pop %0" : "=rm"(flags) : : "memory");
  return flags;
}
// SU: [[@LINE-5]]:save_flags{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK: save_flags (global, {{.*}}:[[@LINE-6]]:15) frame 8 + inline asm 8{{$}}
