// Cross-check corpus, second TU.
#include <stddef.h>

extern void sink(void *);
extern long consume(long);
extern long ext_table(long);

// Callee-saved register pressure: many values live across calls.
long callee_saved_pressure(long a, long b, long c, long d, long e, long f) {
  long x = consume(a), y = consume(b), z = consume(c);
  long u = consume(d), v = consume(e), w = consume(f);
  return x * a + y * b + z * c + u * d + v * e + w * f + a * b * c * d * e * f;
}

// noinline and static inline.
__attribute__((noinline)) static long noinline_helper(long x) { char b[48]; sink(b); return b[x & 7] + x; }
long calls_noinline(long x) { return noinline_helper(x) + noinline_helper(x + 1); }
static inline long inline_helper(long x) { return x * 3 + 1; }
long calls_inline(long x) { return inline_helper(x) + inline_helper(x * 2); }
long (*keep_inline)(long) = inline_helper;

// Function pointers.
typedef long (*op_t)(long);
long call_ptr(op_t f, long x) { return f(x) + 1; }
long tail_ptr(op_t f, long x) { return f(x); }
static long op_double(long x) { return 2 * x; }
static long op_negate(long x) { return -x; }
static const op_t ops[] = { op_double, op_negate, ext_table };
long dispatch(unsigned i, long x) { return ops[i % 3](x); }
struct driver { const char *name; long (*probe)(long); long (*remove)(long); };
long run_driver(const struct driver *d, long x) { long r = d->probe(x); sink(&r); return d->remove(r); }

// Many arguments.
long many_args(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) {
  return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}
long many_args_caller(long x) { return many_args(x, x, x, x, x, x, x, x, x, x) + consume(x); }

// Nested and tail calls.
long nested_calls(long x) { return consume(consume(consume(x) + 1) + 2); }
long tail_call(long x) { return consume(x + 5); }
long loop_with_call(int n) { long s = 0; for (int i = 0; i < n; i++) s += consume(i); return s; }

// Backend-introduced calls.
struct blob { char bytes[400]; };
void blob_copy(struct blob *d, const struct blob *s) { *d = *s; }
void blob_clear(struct blob *d) { *d = (struct blob){ { 0 } }; }
void copy_n(char *d, const char *s, size_t n) { __builtin_memcpy(d, s, n); }
long local_blob(void) { struct blob b = { { 1, 2, 3 } }; sink(&b); return b.bytes[5]; }

// Alignment beyond the stack's: the backend realigns %rsp.
long aligned_64(void) { char b[40] __attribute__((aligned(64))); sink(b); return b[0]; }
long aligned_256(int i) { int b[100] __attribute__((aligned(256))); sink(b); return b[i]; }

// Inline asm, computed goto, attributes.
#ifdef __aarch64__
void asm_call(void) { asm volatile("bl ext_asm_target" ::: "memory", "x30"); }
#else
void asm_call(void) { asm volatile("call ext_asm_target" ::: "memory"); }
#endif
long computed_goto(int i) {
  static void *labels[] = { &&l0, &&l1, &&l2 };
  long r = 0;
  goto *labels[i % 3];
l0: r += consume(1);
l1: r += 2;
l2: return r;
}
__attribute__((cold)) long cold_path(long x) { char b[200]; sink(b); return b[x]; }
__attribute__((weak)) long weak_hook(long x) { return x; }
long call_weak(long x) { return weak_hook(x) + 1; }
void never_returns(const char *msg) { char b[64]; sink(b); __builtin_trap(); (void)msg; }
union bits { long l; char c[8]; struct { unsigned lo : 12, hi : 20; } f; };
long union_local(long x) { union bits u[4]; u[0].l = x; sink(u); return u[1].f.hi + u[2].c[3]; }
long volatile_locals(long x) { volatile long a = x, b = x * 2, c = x * 3; return a + b + c; }
static long static_with_frame(long x) { char b[96]; sink(b); return b[x]; }
long (*keep_static)(long) = static_with_frame;
