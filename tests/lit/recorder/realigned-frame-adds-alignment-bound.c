// REQUIRES: mf-pass
// (LLVM 19 takes frames from the backend's diagnostic, which has no frame
// info: realignment is not recorded there; docs/llvm19.md)
// A local aligned beyond the 16-byte stack alignment makes the prologue
// realign %rsp: push %rbp, `and $-64`, then subtract the local area rounded
// up to 64. -fstack-usage prints the size before either rounding (184).
// What the machine code reserves below the return address:
//   8 (push %rbp) + up to 56 (dropped by the and) + 192 (subq $0xc0) <= 256.
// The facts keep 184 as the frame and add the bound of the two roundings,
// 2 * (64 - 8) = 112, so the path counts 296 >= 256: never less than real.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -fno-stack-protector -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

struct line { char bytes[100]; } __attribute__((aligned(64)));
void use(struct line *);

void realigned(void) {
  struct line l;
  use(&l);
}
// SU: realigned-frame-adds-alignment-bound.c:[[@LINE-4]]:realigned{{[[:space:]]}}184{{[[:space:]]}}static
// CHECK: realigned (global, {{.*}}:[[@LINE-5]]:6) frame 184 + realignment 112{{$}}
// ASM-LABEL: <realigned>:
// ASM-NEXT:  pushq %rbp
// ASM-NEXT:  movq %rsp, %rbp
// ASM-NEXT:  andq $-0x40, %rsp
// ASM-NEXT:  subq $0xc0, %rsp

// Without over-aligned locals nothing is added.
void plain(void) {
  struct { char bytes[100]; } l;
  use((struct line *)&l);
}
// SU: realigned-frame-adds-alignment-bound.c:[[@LINE-4]]:plain{{[[:space:]]}}104{{[[:space:]]}}static
// CHECK: plain (global, {{.*}}:[[@LINE-5]]:6) frame 104{{$}}
