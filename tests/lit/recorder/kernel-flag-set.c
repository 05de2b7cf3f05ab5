// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: __fentry__, thunks and __stack_chk_fail are added by the backend; docs/llvm19.md)
// The x86-64 kernel's code-generation flags all at once: frames equal the
// .su, every function starts with __fentry__, indirect calls go through the
// retpoline thunk with their KCFI id, arrays get __stack_chk_fail.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mcmodel=kernel -mno-red-zone -fno-pic -mno-sse -ffreestanding -fno-omit-frame-pointer -fstack-protector-strong -mretpoline-external-thunk -fsanitize=kcfi -pg -mfentry -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

struct file;
struct file_operations { long (*read)(struct file *, char *, unsigned long); };
extern void copy_out(char *, unsigned long);

long do_read(const struct file_operations *ops, struct file *f, unsigned long n) {
  char tmp[128];
  long r = ops->read(f, tmp, n);
  copy_out(tmp, r);
  return r;
}
// SU-DAG: kernel-flag-set.c:[[@LINE-6]]:do_read{{[[:space:]]}}168{{[[:space:]]}}static
// CHECK:      do_read (global, {{.*}}:[[@LINE-7]]:6) frame 168{{$}}
// CHECK-NEXT:   call __fentry__ (fentry){{$}}
// CHECK-NEXT:   indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} via __x86_indirect_thunk_r11 at {{.*}}:[[@LINE-7]]:12{{$}}
// CHECK-NEXT:   call copy_out at
// CHECK-NEXT:   call __stack_chk_fail (libcall){{$}}

int leaf(int a) { return a * 3; }
// SU-DAG: kernel-flag-set.c:[[@LINE-1]]:leaf{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK:      leaf (global, {{.*}}:[[@LINE-2]]:5) frame 8{{$}}
// CHECK-NEXT:   call __fentry__ (fentry){{$}}
// CHECK-NOT:    call

// ASM-LABEL: <__cfi_do_read>:
// ASM-LABEL: <do_read>:
// ASM-NEXT:  call
// ASM-NEXT:  R_X86_64_PLT32 __fentry__-0x4
// ASM:       call
// ASM-NEXT:  R_X86_64_PLT32 __x86_indirect_thunk_r11-0x4
// ASM:       R_X86_64_PLT32 __stack_chk_fail-0x4
