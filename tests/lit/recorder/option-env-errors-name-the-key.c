// STACKBUDGET_OPTIONS is checked like the plugin arguments, through either
// door, and the error says where the option came from.
// RUN: env STACKBUDGET_OPTIONS=nosuch not %clang_sb --target=x86_64-linux-gnu -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=KEY
// RUN: env STACKBUDGET_OPTIONS=nosuch not %clang --target=x86_64-linux-gnu -c %s -o %t.o -fpass-plugin=%plugin 2>&1 | FileCheck %s --check-prefix=KEY
// RUN: env "STACKBUDGET_OPTIONS=error frame-limit=x" not %clang --target=x86_64-linux-gnu -c %s -o %t.o -fpass-plugin=%plugin 2>&1 | FileCheck %s --check-prefix=VALUE
// KEY: error: in STACKBUDGET_OPTIONS: stackbudget: unknown option 'nosuch' (known options: frame-limit, error, facts{{.*}}; see docs/options.md{{.*}})
// VALUE: error: in STACKBUDGET_OPTIONS: stackbudget: option 'frame-limit' takes a positive number of bytes, as in frame-limit=1024
int f(void) { return 0; }
