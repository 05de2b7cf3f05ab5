// An unknown -fplugin-arg-stackbudget-KEY stops the compile with an error
// that names the key and lists the known ones.
// RUN: not %clang_sb --target=x86_64-linux-gnu -c %s -o %t.o -fplugin-arg-stackbudget-frame-limt=10 2>&1 | FileCheck %s
// CHECK: error: stackbudget: unknown option 'frame-limt' (known options: frame-limit, error, facts{{.*}}; see docs/options.md{{.*}}) (from -fplugin-arg-stackbudget-frame-limt=10)
int f(void) { return 0; }
