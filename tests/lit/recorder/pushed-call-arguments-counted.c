// REQUIRES: mf-pass
// (LLVM 19 takes frames from the backend's diagnostic, which has no frame
// info: pushed arguments are not recorded there; docs/llvm19.md)
// At -Os (the kernel's CC_OPTIMIZE_FOR_SIZE) x86 pushes stack arguments
// instead of storing them into a reserved call frame. The pushes are not in
// the frame -fstack-usage prints (8: push %rbx), but they are on the stack
// while the callee runs: 3 pushes of 8 bytes after a `subq $8` that keeps
// the call 16-byte aligned = 32 bytes. The facts add them.
// RUN: %clang_sb --target=x86_64-linux-gnu -Os -mno-red-zone -fno-stack-protector -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM
// Without the call-frame optimization the same calls store their arguments
// into a reserved call frame, which -fstack-usage counts: 40 = 8 + 32, the
// same bytes, and nothing to add.
// RUN: %clang_sb --target=x86_64-linux-gnu -Os -mno-red-zone -fno-stack-protector -mllvm -no-x86-call-frame-opt -c %s -o %t2.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU-RESERVED < %t2.su
// RUN: %stackbudget facts %t2.o | FileCheck %s --check-prefix=RESERVED

void nine(int, int, int, int, int, int, int, int, int);

void caller(int a) {
  nine(a, 2, 3, 4, 5, 6, 7, 8, 9);
  nine(a, 1, 1, 1, 1, 1, 1, 1, 1);
}
// SU: pushed-call-arguments-counted.c:[[@LINE-4]]:caller{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK: caller (global, {{.*}}:[[@LINE-5]]:6) frame 8 + pushed arguments 32{{$}}
// ASM-LABEL: <caller>:
// ASM-NEXT:  pushq %rbx
// ASM:       subq $0x8, %rsp
// ASM:       pushq $0x9
// ASM-NEXT:  pushq $0x8
// ASM-NEXT:  pushq $0x7
// ASM-NEXT:  callq
// SU-RESERVED: pushed-call-arguments-counted.c:[[@LINE-13]]:caller{{[[:space:]]}}40{{[[:space:]]}}static
// RESERVED: caller (global, {{.*}}:[[@LINE-14]]:6) frame 40{{$}}
