// REQUIRES: ir-recorder
// On LLVM 19 calls come from IR, not machine code: every module and function
// record says so ("recorder": "ir"), and the table says so on the object's line, so a
// report can never present IR calls as the emitted ones.
// RUN: %clang_sb -mno-red-zone -O2 -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// RUN: %stackbudget facts %t.o | FileCheck %s --check-prefix=TABLE

extern void callee(void);
void caller(void) { callee(); callee(); }

// JSON: "functions": [
// JSON: "name": "caller",
// JSON-NEXT: "recorder": "ir",
// JSON: "modules": [
// JSON: "recorder": "ir",
// TABLE: .o: 1 functions (1 with calls from IR, LLVM 19: backend-added calls only as the IR implies them, tail calls listed as calls)
// TABLE-NEXT: caller (global, {{.*}}) frame 8{{$}}
