// The kernel's static calls write `call %c0` with an "i"(function)
// operand; the recorder maps operand 0 to its symbol and records the callee.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -fno-pic -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern void target_fn(void);

void via_operand(void) { asm volatile("call %c0" :: "i"(target_fn) : "memory"); }
// SU: asm-call-operand-resolved.c:[[@LINE-1]]:via_operand{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      via_operand (global, {{.*}}:[[@LINE-2]]:6) frame 0{{$}}
// CHECK-NEXT:   asm call target_fn at {{.*}}:[[@LINE-3]]:26{{$}}
// ASM-LABEL: <via_operand>:
// ASM-NEXT:  call
// ASM-NEXT:  R_X86_64_PLT32 target_fn-0x4
