// REQUIRES: mf-pass
// (the LLVM 19 recorder never sees the frame layout: docs/llvm19.md)
// On AArch64 the prologue saves the link register in the frame record,
// inside the frame; the facts say where (return_address_slot: bytes from
// the entry stack pointer down to the slot), which the runtime cross-check
// needs to read the stack tracer's rows (docs/runtime.md, "arm64"). The
// numbers are the disassembled prologues': frame size minus the offset of
// `stp x29, x30` minus 8 (x30 is the pair's upper half).
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

void sink(int *);
int ext(int);

int leaf(int x) { return x * 3; }
// A leaf keeps its return address in x30.
// CHECK:      leaf (global, {{.*}}:[[@LINE-2]]:5) frame 0{{$}}

int small_locals(int x) {
  int v = x;
  sink(&v);
  return v;
}
// 0x20 - 0x10 - 8 = 8.
// CHECK:      small_locals (global, {{.*}}:[[@LINE-6]]:5) frame 32, return address saved at entry-8{{$}}
// ASM-LABEL:  <small_locals>:
// ASM-NEXT:   sub sp, sp, #0x20
// ASM-NEXT:   stp x29, x30, [sp, #0x10]

int saves_callee_regs(int a, int b) {
  int r = ext(a);
  r += ext(b);
  return r + ext(a + b);
}
// The frame record at the bottom of the callee-saved area: 0x30 - 8 = 40.
// CHECK:      saves_callee_regs (global, {{.*}}:[[@LINE-6]]:5) frame 48, return address saved at entry-40{{$}}
// ASM-LABEL:  <saves_callee_regs>:
// ASM-NEXT:   stp x29, x30, [sp, #-0x30]!

int big_locals(int x) {
  int buf[100];
  buf[x & 63] = x;
  sink(buf);
  return buf[1];
}
// Locals below the callee-saved area: 0x1b0 - 0x190 - 8 = 24.
// CHECK:      big_locals (global, {{.*}}:[[@LINE-7]]:5) frame 432, return address saved at entry-24{{$}}
// ASM-LABEL:  <big_locals>:
// ASM-NEXT:   sub sp, sp, #0x1b0
// ASM-NEXT:   stp x29, x30, [sp, #0x190]

// JSON: "name": "small_locals"
// JSON: "return_address_slot": 8
