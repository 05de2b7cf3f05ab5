// Under -fsanitize=kcfi the indirect call carries the KCFI type id of its
// function pointer type, and an address-taken function of that type carries
// the same id. Both equal the id the compiler writes into the function's
// __cfi_ preamble (`mov $ID, %eax`), and the call site's check compares
// against its negation (`mov $-ID, %r10d`).
// RUN: %clang_sb -mno-red-zone --target=x86_64-linux-gnu -O2 -fsanitize=kcfi -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o > %t.txt
// RUN: %stackbudget facts %t.o >> %t.txt
// RUN: %objdump -d --no-show-raw-insn %t.o >> %t.txt
// RUN: FileCheck %s < %t.txt

typedef int (*handler_t)(int);

int on_event(int x) { return x * 2; }
handler_t handler(void) { return on_event; }
int dispatch(handler_t h, int x) { return h(x) + 1; }

// JSON keys are printed in sorted order: ctype comes before name.
// CHECK:      "addr_taken": true,
// CHECK:      "ctype": [[#%u,ID:]],
// CHECK:      "name": "on_event",
// CHECK:      dispatch (global, {{.*}}) frame 8{{$}}
// CHECK-NEXT:   indirect call ctype 0x[[#%.8x,ID]] sig 0x{{[0-9a-f]+}} at
// CHECK:      <__cfi_on_event>:
// CHECK:      movl $0x[[#%x,ID]], %eax
// CHECK:      <dispatch>:
// CHECK:      movl $0x[[#%x,4294967296-ID]], %r10d
