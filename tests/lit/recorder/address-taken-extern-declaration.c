// A TU that stores the address of a function it does not define lists it in
// its module record (with its signature id) so that the checker knows it is
// a candidate for indirect calls even if its own TU never takes its address.
// Declarations that are only called are not listed.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %stackbudget facts --json %t.o | FileCheck %s

extern int ext_read(char *, long);
extern int ext_write(const char *, long);
extern int only_called(int);

struct ops { int (*read)(char *, long); };
struct ops file_ops = { .read = ext_read };

int use(void) { return only_called(3); }
int write_ptr(void) { return ((int (*)(const char *, long))ext_write)("", 0); }

// CHECK:      "modules": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "addr_taken_decls": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "ctype": [[#%u,CTYPE:]],
// CHECK-NEXT:         "name": "ext_read",
// CHECK-NEXT:         "sig": [[#%u,SIG:]]
// CHECK-NEXT:       }
// CHECK-NEXT:     ],
// CHECK-NEXT:     "aliases": [],
