// REQUIRES: mf-pass
// (LLVM 19 lists every llvm.memcpy as a possible call: docs/llvm19.md)
// Calls the AArch64 backend adds are recorded as libcalls: a large struct
// copy becomes `bl memcpy`, the stack protector's check `bl
// __stack_chk_fail` (here with the kernel's guard in sp_el0); the object
// has both calls.
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fstack-protector-strong -mstack-protector-guard=sysreg -mstack-protector-guard-reg=sp_el0 -mstack-protector-guard-offset=1512 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

struct big { long v[64]; };
void sink(char *);

void copy_big(struct big *d, const struct big *s) { *d = *s; }
// CHECK:      copy_big (global, {{.*}}:[[@LINE-1]]:6) frame 0{{$}}
// CHECK-NEXT:   tail call memcpy (libcall) at {{.*}}:[[@LINE-2]]:58{{$}}
// ASM-LABEL: <copy_big>:
// ASM:       {{^ +[0-9a-f]+: +b +0x}}
// ASM-NEXT:  R_AARCH64_JUMP26 memcpy

void protected_buffer(void) { char b[64]; sink(b); }
// CHECK:      protected_buffer (global, {{.*}}:[[@LINE-1]]:6) frame {{[0-9]+}}, return address saved at entry-8{{$}}
// CHECK-NEXT:   call sink at {{.*}}:[[@LINE-2]]:43{{$}}
// CHECK-NEXT:   call __stack_chk_fail (libcall){{$}}
// ASM-LABEL: <protected_buffer>:
// ASM:       mrs {{x[0-9]+}}, SP_EL0
// ASM:       b.ne
// ASM:       bl
// ASM-NEXT:  R_AARCH64_CALL26 __stack_chk_fail
