// REQUIRES: ir-recorder
// On LLVM 19 calls come from IR, not machine code: every module and function
// record says so ("recorder": "ir"), and the table ends with a note, so a
// report can never present IR calls as the emitted ones.
// RUN: %clang_sb -O2 -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// RUN: %stackbudget facts %t.o | FileCheck %s --check-prefix=TABLE

extern void callee(void);
void caller(void) { callee(); callee(); }

// JSON: "functions": [
// JSON: "name": "caller",
// JSON-NEXT: "recorder": "ir",
// JSON: "modules": [
// JSON: "recorder": "ir",
// TABLE: caller (global, {{.*}}) frame 8{{$}}
// TABLE: note: 1 of 1 functions have calls from IR (LLVM 19 recorder): calls the backend adds are not listed, tail calls are listed as calls
