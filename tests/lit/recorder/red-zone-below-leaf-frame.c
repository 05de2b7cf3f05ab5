// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: red-zone bytes come from machine frame objects; docs/llvm19.md)
// x86-64 user space has a 128-byte red zone: a function that makes no call
// (a tail call is a jump) keeps its last 128 bytes below %rsp, and
// -fstack-usage prints only what the prologue reserves: 3000 - 128 = 2872.
// The facts keep that number as the frame and say how many red-zone bytes
// the function really touches (the buffer starts 0x80 below %rsp).
// With -mno-red-zone the whole buffer is in the frame and the red zone is 0.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -c %s -o %tn.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-NORZ < %tn.su
// RUN: %stackbudget facts %tn.o | FileCheck %s --check-prefix=NORZ

extern void consume(int);

void scratch(int i, int j) {
  volatile char buf[3000];
  buf[i] = 1;
  consume(buf[j]);
}
// SU: red-zone-below-leaf-frame.c:[[@LINE-5]]:scratch{{[[:space:]]}}2872{{[[:space:]]}}static
// CHECK:      scratch (global, {{.*}}:[[@LINE-6]]:6) frame 2872 + red zone 128{{$}}
// CHECK-NEXT:   tail call consume at
// ASM-LABEL: <scratch>:
// ASM-NEXT:  subq $0xb38, %rsp
// ASM:       movb $0x1, -0x80(%rsp,%rax)
// ASM:       jmp
// SU-NORZ: red-zone-below-leaf-frame.c:[[@LINE-12]]:scratch{{[[:space:]]}}3000{{[[:space:]]}}static
// NORZ:    scratch (global, {{.*}}) frame 3000{{$}}
