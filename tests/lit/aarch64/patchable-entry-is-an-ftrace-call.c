// -fpatchable-function-entry (arm64's ftrace) leaves NOPs at the entry
// that ftrace patches at run time into a call of its trampoline. The
// recorder records that call (origin fentry) so a path through a traced
// function is unknown until the profile gives the hook a frame; a
// `notrace` function (patchable_function_entry(0, 0)) has none. The
// object has the NOPs and no call.
// RUN: %clang_sb --target=aarch64-linux-gnu -O2 -fno-stack-protector -fpatchable-function-entry=4,2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %objdump -dr --no-show-raw-insn %t.o | FileCheck %s --check-prefix=ASM
// RUN: %stackbudget check %t.o 2>&1 | FileCheck %s --check-prefix=WARN

int traced(int x) { return x + 1; }
// CHECK:      traced (global, {{.*}}:[[@LINE-1]]:5) frame 0{{$}}
// CHECK-NEXT:   call __patchable_function_entry (fentry){{$}}
// ASM-LABEL: <traced>:
// ASM-NEXT:  nop
// ASM-NEXT:  nop
// ASM-NEXT:  add w0, w0, #0x1
// ASM-NEXT:  ret
// WARN: note: unknown: the entry hook '__patchable_function_entry' (-pg -mfentry, -fpatchable-function-entry) is patched at run time (ftrace): what runs there while tracing is not its machine code, and the profile gives no frame [no-facts]

__attribute__((patchable_function_entry(0, 0))) int untraced(int x) { return x - 1; }
// CHECK:      untraced (global, {{.*}}:[[@LINE-1]]:53) frame 0{{$}}
// CHECK-NOT:  call
