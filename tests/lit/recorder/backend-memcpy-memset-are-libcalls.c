// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: which mem* intrinsics become calls is decided by the backend; docs/llvm19.md)
// A struct copy and a large zeroing have no call in the source; the backend
// emits memcpy and memset. Both are recorded as calls with origin libcall.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

struct big { char bytes[512]; };
extern void use(struct big *);

void copy(struct big *to, const struct big *from) {
  struct big tmp = *from;
  use(&tmp);
  *to = tmp;
}
// SU: backend-memcpy-memset-are-libcalls.c:[[@LINE-5]]:copy{{[[:space:]]}}536{{[[:space:]]}}static
// CHECK:      copy (global, {{.*}}:[[@LINE-6]]:6) frame 536{{$}}
// CHECK-NEXT:   call memcpy (libcall) at {{.*}}:[[@LINE-6]]:20
// CHECK-NEXT:   call use at {{.*}}:[[@LINE-6]]:3
// CHECK-NEXT:   call memcpy (libcall) at {{.*}}:[[@LINE-6]]:9
// ASM-LABEL: <copy>:
// ASM: R_X86_64_PLT32 memcpy-0x4
// ASM: R_X86_64_PLT32 use-0x4
// ASM: R_X86_64_PLT32 memcpy-0x4

void clear(struct big *b) { *b = (struct big){0}; }
// SU: backend-memcpy-memset-are-libcalls.c:[[@LINE-1]]:clear{{[[:space:]]}}0{{[[:space:]]}}static
// CHECK:      clear (global, {{.*}}:[[@LINE-2]]:6) frame 0{{$}}
// CHECK-NEXT:   tail call memset (libcall) at {{.*}}:[[@LINE-3]]:
// ASM-LABEL: <clear>:
// ASM: jmp
// ASM-NEXT: R_X86_64_PLT32 memset-0x4

// JSON: "callee": "memset",
// JSON-NEXT: "col":
// JSON-NEXT: "file":
// JSON-NEXT: "kind": "direct",
// JSON-NEXT: "line":
// JSON-NEXT: "origin": "libcall",
// JSON-NEXT: "tail": true
