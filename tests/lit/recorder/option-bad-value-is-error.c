// A known key with a value it does not accept is an error naming the key
// and the values it takes.
// RUN: not %clang_sb --target=x86_64-linux-gnu -c %s -o %t.o -fplugin-arg-stackbudget-frame-limit=1k 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not %clang_sb --target=x86_64-linux-gnu -c %s -o %t.o -fplugin-arg-stackbudget-frame-limit=0 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not %clang_sb --target=x86_64-linux-gnu -c %s -o %t.o -fplugin-arg-stackbudget-error=maybe 2>&1 | FileCheck %s --check-prefix=BOOL
// LIMIT: error: stackbudget: option 'frame-limit' takes a positive number of bytes, as in frame-limit=1024
// BOOL: error: stackbudget: option 'error' takes 0/1, true/false or on/off, not 'maybe' (from -fplugin-arg-stackbudget-error=maybe)
int f(void) { return 0; }
