// -emit-llvm writes IR that a later build compiles: the plugin must not
// leave a lowered warn-stack-size or a facts global in it (on LLVM 19 the
// recorder runs only when clang itself generates code).
// RUN: %clang_sb -O2 -S -emit-llvm %s -o - | FileCheck %s --implicit-check-not=warn-stack-size --implicit-check-not=__stackbudget_facts
// RUN: %clang_sb -O2 -S -emit-llvm %s -o - -Wframe-larger-than=100 | FileCheck %s --check-prefix=USER --implicit-check-not=__stackbudget_facts

int f(int x) { return x + 1; }
// CHECK: define {{.*}} @f(
// USER: "warn-stack-size"="100"
