// REQUIRES: ir-recorder
// Calls the backend adds that the IR already implies are in the LLVM 19
// facts, as the LLVM 22 recorder reads them from the machine calls
// (docs/llvm19.md): `call __fentry__` under -pg -mfentry, `jmp
// __x86_return_thunk` for the returns under -mfunction-return=thunk-extern
// (a tail call), and __udivti3 for a 128-bit division. The relocations
// show each one in the object.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mno-red-zone -pg -mfentry -mfunction-return=thunk-extern -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM

extern int work(int);
int traced(int n) { return work(n) + 1; }
// CHECK:      traced (global, {{.*}}:[[@LINE-1]]:5) frame 8{{$}}
// CHECK-NEXT:   call __fentry__ (fentry){{$}}
// CHECK-NEXT:   tail call __x86_return_thunk (libcall){{$}}
// CHECK-NEXT:   call work at {{.*}}:[[@LINE-4]]:28{{$}}
// ASM-LABEL: <traced>:
// ASM:       R_X86_64_PLT32 __fentry__-0x4
// ASM:       R_X86_64_PLT32 work-0x4
// ASM:       jmp
// ASM-NEXT:  R_X86_64_PLT32 __x86_return_thunk-0x4

unsigned __int128 divide(unsigned __int128 a, unsigned __int128 b) {
  return a / b;
}
// CHECK:      divide (global, {{.*}}:[[@LINE-3]]:19) frame 8{{$}}
// CHECK-NEXT:   call __fentry__ (fentry){{$}}
// CHECK-NEXT:   tail call __x86_return_thunk (libcall){{$}}
// CHECK-NEXT:   call __udivti3 (libcall){{$}}
// ASM-LABEL: <divide>:
// ASM:       R_X86_64_PLT32 __udivti3-0x4
