// Loaded with -fpass-plugin instead of -fplugin, the .so records the same
// facts: the JSON differs only in the object's name.
// clang-19 loads a -fpass-plugin only in its backend, after the AST is gone,
// so the clang half (call locations without -g, definition columns,
// struct-field facts) cannot run there (docs/llvm19.md).
// REQUIRES: mf-pass
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.plugin.o
// RUN: %clang --target=x86_64-linux-gnu -O2 -c %s -o %t.pass.o -fpass-plugin=%plugin
// RUN: %stackbudget facts --json %t.plugin.o | sed -e 's/\.plugin\.o/.o/' > %t.plugin.json
// RUN: %stackbudget facts --json %t.pass.o | sed -e 's/\.pass\.o/.o/' > %t.pass.json
// RUN: diff %t.plugin.json %t.pass.json
// RUN: FileCheck %s < %t.pass.json

extern void sink(char *);
typedef void (*fn_t)(char *);
void user(fn_t f, int n) {
  char buf[100];
  sink(buf);
  f(buf);
}
// CHECK: "frame": 120,
// CHECK: "name": "user",
