// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: checks a tail jump, decided by the backend; docs/llvm19.md)
// Without PIC, a call through a function pointer variable is one
// instruction, `call *ptr(%rip)`, whose operand names the variable. It is an
// indirect call (typed by the pointer's signature), not a call to `ptr`.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -fno-pic -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern void (*hook_ptr)(int);
extern void (*table[4])(int);

void call_hook(int x) {
  hook_ptr(x);
  table[x](x);
}
// SU: indirect-call-through-global-is-indirect.c:[[@LINE-4]]:call_hook{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK:      call_hook (global, {{.*}}:[[@LINE-5]]:6) frame 8{{$}}
// CHECK-NEXT:   indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} at {{.*}}:[[@LINE-5]]:3{{$}}
// CHECK-NEXT:   tail indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} at {{.*}}:[[@LINE-5]]:3{{$}}
// CHECK-NOT:  call hook_ptr
// ASM-LABEL: <call_hook>:
// ASM:       callq *(%rip)
// ASM-NEXT:  R_X86_64_PC32 hook_ptr-0x4
// ASM:       jmpq *(,%rdi,8)
// ASM-NEXT:  R_X86_64_32S table
