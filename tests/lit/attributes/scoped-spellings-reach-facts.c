// The [[stackbudget::stack_entry]] and [[stackbudget::stack_budget]]
// spellings work in C23, in C with clang's [[ ]] extension, and in C++
// (where the record names the mangled symbol).
// RUN: %clang_sb -std=c23 -O2 -c %s -o %t.c23.o
// RUN: %stackbudget facts --json %t.c23.o | %python %S/Inputs/entry-budget.py | FileCheck %s --check-prefix=C
// RUN: %clang_sb -std=gnu17 -Wno-c23-extensions -O2 -c %s -o %t.gnu17.o
// RUN: %stackbudget facts --json %t.gnu17.o | %python %S/Inputs/entry-budget.py | FileCheck %s --check-prefix=C
// RUN: %clang_sb -x c++ -std=c++17 -O2 -c %s -o %t.cpp.o
// RUN: %stackbudget facts --json %t.cpp.o | %python %S/Inputs/entry-budget.py | FileCheck %s --check-prefix=CXX

#ifdef __cplusplus
extern "C" void sink(char *);
#else
extern void sink(char *);
#endif

[[stackbudget::stack_entry("softirq")]] [[stackbudget::stack_budget(2048)]]
void on_softirq(char *p) { sink(p); }

// C:        {{^}}on_softirq entry=softirq budget=2048{{$}}
// C-EMPTY:
// CXX:      {{^}}_Z10on_softirqPc entry=softirq budget=2048{{$}}
// CXX-EMPTY:
