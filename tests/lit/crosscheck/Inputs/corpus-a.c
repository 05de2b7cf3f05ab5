// Cross-check corpus, first TU: varied C functions whose recorded frames
// must equal -fstack-usage under every flag set (see ../README of the
// directory's tests). No floating point: the kernel flag set has -mno-sse.
#include <stdarg.h>

extern void sink(void *);
extern long consume(long);
extern void vsink(const char *, va_list);
extern __attribute__((noreturn)) void die(const char *);

// Leaves.
int leaf_add(int a, int b) { return a + b; }
int leaf_zero(void) { return 0; }
long leaf_mix(long a, long b, long c) { return (a ^ b) * c - (a >> 3); }

// Big arrays.
long big_array_4k(int i) { char b[4096]; sink(b); return b[i]; }
long big_array_64k(int i) { char b[70000]; sink(b); return b[i]; }
struct rec { long id; char name[120]; int tags[32]; };
long array_of_structs(int i) { struct rec r[8]; sink(r); return r[i].id; }
long two_scopes(int sel) {
  if (sel) { char a[512]; sink(a); return a[1]; }
  char b[1024]; sink(b); return b[2];
}

// Dynamic frames.
long vla_simple(int n) { char b[n]; sink(b); return b[0]; }
long vla_2d(int n, int m) { int g[n][m]; sink(g); return g[0][0]; }
long alloca_const(void) { char *p = __builtin_alloca(256); sink(p); return p[0]; }
long alloca_masked(unsigned n) { char *p = __builtin_alloca(n & 0xff); sink(p); return p[0]; }
long alloca_loop(int n) {
  long s = 0;
  for (int i = 0; i < n; i++) { char *p = __builtin_alloca(32); sink(p); s += p[0]; }
  return s;
}

// Recursion.
long factorial(long n) { return n <= 1 ? 1 : n * factorial(n - 1); }
int is_odd(unsigned n);
int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
long tree_depth(const long *node) {
  if (!node) return 0;
  long l = tree_depth((const long *)node[0]), r = tree_depth((const long *)node[1]);
  return 1 + (l > r ? l : r);
}

// Varargs.
long varargs_sum(int n, ...) {
  va_list ap; long s = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) s += va_arg(ap, long);
  va_end(ap);
  return s;
}
void varargs_forward(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsink(fmt, ap);
  va_end(ap);
}

// Struct returns and struct arguments.
struct pair { long a, b; };
struct big { long v[16]; };
struct pair make_pair(long a, long b) { struct pair p = { a, b }; return p; }
struct big make_big(long x) { struct big r; for (int i = 0; i < 16; i++) r.v[i] = x + i; return r; }
long take_big(struct big b) { return b.v[3] + consume(b.v[7]); }
long pass_big(long x) { struct big b = make_big(x); return take_big(b); }

// Switch tables.
int switch_table(int k) {
  switch (k) {
  case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
  case 4: return 53; case 5: return 67; case 6: return 79; case 7: return 83;
  default: return -1;
  }
}
long switch_calls(int k, long v) {
  switch (k) {
  case 0: return consume(v);
  case 1: return consume(v + 1) * 2;
  case 2: return factorial(v);
  case 3: return varargs_sum(2, v, v);
  default: return 0;
  }
}
