// A `call foo` written in inline asm is invisible to the backend's call
// instructions; the recorder finds it in the asm text and records an asm
// call with its callee and the statement's location.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

void poke(void) { asm volatile("call foo" ::: "memory"); }
// SU: asm-call-symbol-has-callee.c:[[@LINE-1]]:poke{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      poke (global, {{.*}}:[[@LINE-2]]:6) frame 0{{$}}
// CHECK-NEXT:   asm call foo at {{.*}}asm-call-symbol-has-callee.c:[[@LINE-3]]:19{{$}}
// ASM-LABEL: <poke>:
// ASM-NEXT:  call
// ASM-NEXT:  R_X86_64_PLT32 foo-0x4
