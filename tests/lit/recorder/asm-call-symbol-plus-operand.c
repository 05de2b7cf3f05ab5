// The kernel's get_user()/put_user() call an assembly helper chosen by the
// access size: `call __get_user_%c[size]`. The recorder completes the
// symbol with the immediate operand and records the real callee, the one
// the object's relocation names.
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -fno-pic -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

int read_user(const int *p) {
  int v;
  asm volatile("call __get_user_%c[size]"
               : "=a"(v) : "a"(p), [size] "i"(sizeof(*p)) : "memory");
  return v;
}
// CHECK:      read_user (global, {{.*}}:[[@LINE-6]]:5) frame 0{{$}}
// CHECK-NEXT:   asm call __get_user_4 at {{.*}}:[[@LINE-5]]:3{{$}}
// ASM-LABEL: <read_user>:
// ASM:       callq
// ASM-NEXT:  R_X86_64_PLT32 __get_user_4-0x4
