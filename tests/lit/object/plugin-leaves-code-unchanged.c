// The plugin never changes code: .text is byte-identical with and without
// it, and the whole object is identical once the facts section is removed
// (both objects are rewritten by llvm-objcopy so that only content counts).
// The kernel flag set is used because it exercises the most codegen paths
// (KCFI preambles, fentry, retpoline thunks, stack protector).
// RUN: %clang --target=x86_64-linux-gnu -O2 -mcmodel=kernel -mno-red-zone -fno-pic -mno-sse -ffreestanding -fno-omit-frame-pointer -fstack-protector-strong -mretpoline-external-thunk -fsanitize=kcfi -pg -mfentry -c %s -o %t.plain.o
// RUN: %clang_sb --target=x86_64-linux-gnu -O2 -mcmodel=kernel -mno-red-zone -fno-pic -mno-sse -ffreestanding -fno-omit-frame-pointer -fstack-protector-strong -mretpoline-external-thunk -fsanitize=kcfi -pg -mfentry -c %s -o %t.sb.o
// RUN: %objcopy -O binary -j .text %t.plain.o %t.plain.text
// RUN: %objcopy -O binary -j .text %t.sb.o %t.sb.text
// RUN: cmp %t.plain.text %t.sb.text
// The .text is not empty (a cmp of two empty files would prove nothing):
// RUN: %python -c "import os,sys; sys.exit(os.path.getsize(sys.argv[1]) < 200)" %t.sb.text
// RUN: %objcopy --remove-section=.note.stackbudget %t.sb.o %t.stripped.o
// RUN: %objcopy %t.plain.o %t.plain.copy.o
// RUN: cmp %t.plain.copy.o %t.stripped.o
// And the same at -O0 with the default user-space flags:
// RUN: %clang --target=x86_64-linux-gnu -O0 -c %s -o %t.plain0.o
// RUN: %clang_sb --target=x86_64-linux-gnu -O0 -c %s -o %t.sb0.o
// RUN: %objcopy --remove-section=.note.stackbudget %t.sb0.o %t.stripped0.o
// RUN: %objcopy %t.plain0.o %t.plain0.copy.o
// RUN: cmp %t.plain0.copy.o %t.stripped0.o

struct ops { long (*read)(char *, unsigned long); };
extern void copy_out(char *, unsigned long);
struct big { char bytes[300]; };

long do_read(const struct ops *o, unsigned long n) {
  char tmp[128];
  long r = o->read(tmp, n);
  copy_out(tmp, r);
  return r;
}

void copy_big(struct big *d, const struct big *s) { *d = *s; }

int vla(int n) {
  char b[n];
  copy_out(b, n);
  return b[0];
}

static int twice(int x) { return 2 * x; }
int (*keep)(int) = twice;
