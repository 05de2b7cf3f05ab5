void consume(char *p) { p[0] = 1; p[1] = 2; }
