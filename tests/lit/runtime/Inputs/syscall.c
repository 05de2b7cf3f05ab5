// A syscall-like entry for the runtime tests: sys_entry -> mid -> leaf, each
// with a frame of its own (tests/lit/runtime/trace-within-facts-passes.test
// checks the frames against -fstack-usage).
void consume(char *p);
__attribute__((noinline)) int leaf(int x) { return x * 3; }
__attribute__((noinline)) int mid(int x) {
  char buf[64];
  consume(buf);
  return leaf(x + buf[1]);
}
int sys_entry(int x) {
  char buf[32];
  consume(buf);
  return mid(x + buf[0]) + 1;
}
