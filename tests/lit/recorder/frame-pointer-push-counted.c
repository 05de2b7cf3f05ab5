// The frame includes the callee-saved pushes, the frame pointer among them:
// without a frame pointer the prologue is push %rbx + sub $16 (24 bytes);
// with one it is push %rbp + push %rbx + sub $24 (40 bytes, the extra 16
// keep %rsp 16-byte aligned at the call).
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -fomit-frame-pointer -c %s -o %tn.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-NOFP < %tn.su
// RUN: %stackbudget facts %tn.o | FileCheck %s --check-prefix=NOFP
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -fno-omit-frame-pointer -c %s -o %tf.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-FP < %tf.su
// RUN: %stackbudget facts %tf.o | FileCheck %s --check-prefix=FP
// RUN: %objdump -d --no-show-raw-insn %tf.o | FileCheck %s --check-prefix=ASM-FP

extern long sink(long *);

long with_locals(long a) {
  long buf[2];
  return sink(buf) + a;
}
// SU-NOFP: frame-pointer-push-counted.c:[[@LINE-4]]:with_locals{{[[:space:]]}}24{{[[:space:]]}}static
// SU-FP:   frame-pointer-push-counted.c:[[@LINE-5]]:with_locals{{[[:space:]]}}40{{[[:space:]]}}static
// NOFP: with_locals (global, {{.*}}:[[@LINE-6]]:6) frame 24{{$}}
// FP:   with_locals (global, {{.*}}:[[@LINE-7]]:6) frame 40{{$}}
// ASM-FP:      <with_locals>:
// ASM-FP-NEXT: pushq %rbp
// ASM-FP-NEXT: movq %rsp, %rbp
// ASM-FP-NEXT: pushq %rbx
// ASM-FP-NEXT: subq $0x18, %rsp
