// A facts section cut short (a truncated record payload, then a truncated
// header) is an error naming the object and what is missing; exit code 1.
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -c %s -o %t.o
// RUN: %objcopy --dump-section=.note.stackbudget=%t.note %t.o %t.unused.o
// RUN: %facts_note records %t.note %t.facts
// Keep the first record's header and 10 bytes of its payload:
// RUN: %python -c "import sys; b=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(b[:22])" %t.facts %t.cut.facts
// RUN: %facts_note note %t.cut.facts %t.cut.note
// RUN: %objcopy --update-section=.note.stackbudget=%t.cut.note %t.o %t.cut.o
// RUN: sh -c '%stackbudget facts %t.cut.o; echo "exit code $?"' > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=PAYLOAD < %t.out
// Keep the whole first block and 5 bytes of another's header:
// RUN: %python -c "import sys,struct; b=open(sys.argv[1],'rb').read(); n=12+struct.unpack_from('<I',b,8)[0]; open(sys.argv[2],'wb').write(b[:n]+b[:5])" %t.facts %t.hdr.facts
// RUN: %facts_note note %t.hdr.facts %t.hdr.note
// RUN: %objcopy --update-section=.note.stackbudget=%t.hdr.note %t.o %t.hdr.o
// RUN: sh -c '%stackbudget facts %t.hdr.o; echo "exit code $?"' > %t.out2 2>&1
// RUN: FileCheck %s --check-prefix=HEADER < %t.out2

// PAYLOAD:     error: {{.*}}truncated-section-is-error.c.tmp.cut.o: section .note.stackbudget at offset 24: truncated record (payload of {{[0-9]+}} bytes, 12 left in the section)
// PAYLOAD-NOT: frame
// PAYLOAD:     exit code 1
// HEADER:      error: {{.*}}truncated-section-is-error.c.tmp.hdr.o: section .note.stackbudget at offset {{[0-9]+}}: truncated record header ({{[5-8]}} of 12 bytes)
// HEADER-NOT:  frame
// HEADER:      exit code 1

int f(int x) { return x; }
