// A facts section written by another format version is refused with an
// error that names the object, the offset and both versions; exit code 1,
// no crash, no facts printed. The case that happens: an object compiled by
// a stackbudget of version 3, which did not record the conversions from
// void * back into function pointers that version 4 records (so its erased
// functions would be missed at those calls), read by this one.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %objcopy --dump-section=.note.stackbudget=%t.note %t.o %t.unused.o
// RUN: %facts_note records %t.note %t.facts
// Set the u16 version of the first record (bytes 4-5) from 6 to 3:
// RUN: %python -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); assert b[:6]==b'SBFR\x07\x00'; b[4]=3; open(sys.argv[2],'wb').write(b)" %t.facts %t.v3.facts
// RUN: %facts_note note %t.v3.facts %t.v3.note
// RUN: %objcopy --update-section=.note.stackbudget=%t.v3.note %t.o %t.v3.o
// RUN: sh -c '%stackbudget facts %t.v3.o; echo "exit code $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out

// CHECK:     error: {{.*}}foreign-version-is-error.c.tmp.v3.o: section .note.stackbudget at offset 24: facts version 3 is not read by this build of stackbudget, which reads versions 4 (JSON) and 5 to 7 (binary); version 3 lacks facts this reader needs and would under-count: rebuild the object with this stackbudget's plugin
// CHECK-NOT: frame
// CHECK:     exit code 1

int f(int x) { return x; }
