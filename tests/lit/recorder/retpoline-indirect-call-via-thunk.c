// REQUIRES: mf-pass
// (LLVM 19 records calls from IR: retpoline thunks are added by the backend; docs/llvm19.md)
// With -mretpoline-external-thunk an indirect call becomes a direct call to
// __x86_indirect_thunk_r11; it is still recorded as an indirect call (with
// the signature of the function pointer), reached via the thunk.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mretpoline-external-thunk -c %s -o %t.o -fstack-usage
// RUN: FileCheck %s --check-prefix=SU < %t.su
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

typedef int (*handler_t)(int);

int dispatch(handler_t h, int x) { return h(x) + 1; }
// SU: retpoline-indirect-call-via-thunk.c:[[@LINE-1]]:dispatch{{[[:space:]]}}8{{[[:space:]]}}static
// CHECK:      dispatch (global, {{.*}}:[[@LINE-2]]:5) frame 8{{$}}
// CHECK-NEXT:   indirect call ctype 0x{{[0-9a-f]+}} sig 0x{{[0-9a-f]+}} via __x86_indirect_thunk_r11 at {{.*}}:[[@LINE-3]]:43{{$}}
// CHECK-NOT:  call
// JSON:      "kind": "indirect",
// JSON:      "origin": "thunk",
// JSON:      "via": "__x86_indirect_thunk_r11"
// ASM-LABEL: <dispatch>:
// ASM:       call
// ASM-NEXT:  R_X86_64_PLT32 __x86_indirect_thunk_r11-0x4
