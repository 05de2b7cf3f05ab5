// An object built without the plugin has no facts; its functions are
// listed as having unknown frames rather than silently missing.
// RUN: %clang --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts %t.o | FileCheck %s
// RUN: %stackbudget facts --json %t.o | FileCheck %s --check-prefix=JSON
// CHECK:      object-without-facts-lists-functions.c.tmp.o: no stackbudget facts
// CHECK-NEXT:   plain (no facts: frame unknown)
// JSON: "functions_without_facts": [
// JSON-NEXT: "plain"
// JSON: "has_facts": false,
int plain(int x) { return x; }
