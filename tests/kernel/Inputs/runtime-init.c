// The init of the kernel that boots under QEMU (tests/kernel/runtime-*.test):
// a syscall workload that takes the task stack through the deep paths a
// kernel developer worries about -- files on a block device (ext2 over brd),
// pipes, fork and exec, page reclaim and the OOM killer, epoll, futexes --
// then prints what the kernel measured and reboots (QEMU runs -no-reboot,
// so the reboot ends it).
//
// Output on the console, between marker lines the test cuts out:
//   ==== boot_stack_trace / ==== boot_stack_max_size (the boot's maximum),
//   ==== stack_trace / ==== stack_max_size (the workload's) / ==== dmesg /
//   ==== end
// Built static (clang -static), it needs nothing in the initramfs but
// /dev/console and the ext2 image /disk.img.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *Fmt, const char *What) {
  fprintf(stderr, Fmt, What, strerror(errno));
}

static void check(int Ok, const char *What) {
  if (!Ok)
    say("runtime-init: %s: %s\n", What);
}

// Copies the file system image onto the RAM disk.
static void loadDisk(void) {
  int In = open("/disk.img", O_RDONLY), Out = open("/dev/ram0", O_WRONLY);
  check(In >= 0 && Out >= 0, "open /disk.img or /dev/ram0");
  static char Buf[65536];
  ssize_t N;
  while ((N = read(In, Buf, sizeof(Buf))) > 0)
    check(write(Out, Buf, N) == N, "write /dev/ram0");
  fsync(Out);
  close(In);
  close(Out);
}

static void files(void) {
  static char Buf[65536];
  char Name[64], Other[64];
  check(mkdir("/mnt/d", 0755) == 0 || errno == EEXIST, "mkdir");
  for (int I = 0; I < 24; ++I) {
    snprintf(Name, sizeof(Name), "/mnt/d/f%d", I);
    int Fd = open(Name, O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(Fd >= 0, "create");
    memset(Buf, 'a' + I % 26, sizeof(Buf));
    for (int K = 0; K < 2; ++K)
      check(write(Fd, Buf, sizeof(Buf)) == sizeof(Buf), "write");
    check(fsync(Fd) == 0, "fsync");
    lseek(Fd, 0, SEEK_SET);
    check(read(Fd, Buf, sizeof(Buf)) == sizeof(Buf), "read");
    close(Fd);
    snprintf(Other, sizeof(Other), "/mnt/d/g%d", I);
    check(rename(Name, Other) == 0, "rename");
    struct stat St;
    check(stat(Other, &St) == 0, "stat");
    check(truncate(Other, 4096) == 0, "truncate");
  }
  DIR *D = opendir("/mnt/d");
  check(D != NULL, "opendir");
  struct dirent *E;
  while (D && (E = readdir(D)))
    if (E->d_name[0] == 'g' && (E->d_name[1] - '0') % 2 == 0) {
      snprintf(Name, sizeof(Name), "/mnt/d/%s", E->d_name);
      check(unlink(Name) == 0, "unlink");
    }
  if (D)
    closedir(D);
  check(symlink("/mnt/d/g1", "/mnt/link") == 0 || errno == EEXIST, "symlink");
  sync();
}

static void pipes(void) {
  int P[2];
  check(pipe(P) == 0, "pipe");
  pid_t Child = fork();
  if (Child == 0) {
    close(P[0]);
    char Buf[4096];
    memset(Buf, 'x', sizeof(Buf));
    for (int I = 0; I < 256; ++I)
      if (write(P[1], Buf, sizeof(Buf)) != sizeof(Buf))
        _exit(1);
    _exit(0);
  }
  close(P[1]);
  int Ep = epoll_create1(0);
  struct epoll_event Ev = {.events = EPOLLIN, .data.fd = P[0]};
  check(epoll_ctl(Ep, EPOLL_CTL_ADD, P[0], &Ev) == 0, "epoll_ctl");
  char Buf[4096];
  for (;;) {
    struct epoll_event Out;
    if (epoll_wait(Ep, &Out, 1, 5000) != 1)
      break;
    if (read(P[0], Buf, sizeof(Buf)) <= 0)
      break;
  }
  struct pollfd Pf = {.fd = P[0], .events = POLLIN};
  poll(&Pf, 1, 0);
  close(Ep);
  close(P[0]);
  waitpid(Child, NULL, 0);
}

static void futexes(void) {
  static int Word = 0;
  pid_t Child = fork();
  if (Child == 0) {
    struct timespec T = {0, 10000000};
    syscall(SYS_futex, &Word, FUTEX_WAIT, 0, &T, NULL, 0);
    _exit(0);
  }
  syscall(SYS_futex, &Word, FUTEX_WAKE, 1, NULL, NULL, 0);
  waitpid(Child, NULL, 0);
}

// Fork and exec this program again (argv[1] = "exec"), through a shebang-less
// path: execve of a static ELF.
static void forkExec(const char *Self) {
  for (int I = 0; I < 4; ++I) {
    pid_t Child = fork();
    if (Child == 0) {
      char *Argv[] = {(char *)Self, "exec", NULL};
      char *Envp[] = {NULL};
      execve(Self, Argv, Envp);
      _exit(127);
    }
    waitpid(Child, NULL, 0);
  }
}

// Fill memory in a child until the OOM killer takes it: page cache reclaim,
// writeback of the file system's dirty pages, the OOM path.
static void memoryPressure(void) {
  pid_t Child = fork();
  if (Child == 0) {
    int Adj = open("/proc/self/oom_score_adj", O_WRONLY);
    if (Adj >= 0) {
      write(Adj, "1000", 4);
      close(Adj);
    }
    // Dirty page cache first, so reclaim has writeback to do.
    int Fd = open("/mnt/big", O_CREAT | O_RDWR | O_TRUNC, 0644);
    static char Buf[65536];
    memset(Buf, 'z', sizeof(Buf));
    for (int I = 0; I < 24 && Fd >= 0; ++I)
      if (write(Fd, Buf, sizeof(Buf)) != sizeof(Buf))
        break;
    for (;;) {
      char *P = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (P == MAP_FAILED)
        _exit(0);
      memset(P, 1, 1 << 20);
    }
  }
  waitpid(Child, NULL, 0);
}

static void dump(const char *Marker, const char *Path) {
  printf("==== %s\n", Marker);
  fflush(stdout);
  int Fd = open(Path, O_RDONLY);
  check(Fd >= 0, Path);
  char Buf[4096];
  ssize_t N;
  while (Fd >= 0 && (N = read(Fd, Buf, sizeof(Buf))) > 0)
    fwrite(Buf, 1, N, stdout);
  if (Fd >= 0)
    close(Fd);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "exec") == 0)
    return 0;
  check(mount("proc", "/proc", "proc", 0, NULL) == 0, "mount /proc");
  check(mount("sysfs", "/sys", "sysfs", 0, NULL) == 0, "mount /sys");
  check(mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0 || errno == EBUSY,
        "mount /dev");
  check(mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0,
        "mount tracefs");
  int Adj = open("/proc/self/oom_score_adj", O_WRONLY);
  if (Adj >= 0) {
    write(Adj, "-1000", 5);
    close(Adj);
  }
  // The deepest trace of the boot (initcalls, the RAM disk's partition
  // scan), then a fresh maximum for the workload alone, so that the
  // workload's syscall paths get compared too.
  dump("boot_stack_trace", "/sys/kernel/tracing/stack_trace");
  dump("boot_stack_max_size", "/sys/kernel/tracing/stack_max_size");
  int Max = open("/sys/kernel/tracing/stack_max_size", O_WRONLY);
  check(Max >= 0 && write(Max, "0", 1) == 1, "reset stack_max_size");
  if (Max >= 0)
    close(Max);
  loadDisk();
  check(mount("/dev/ram0", "/mnt", "ext2", 0, NULL) == 0, "mount ext2");

  for (int Round = 0; Round < 2; ++Round) {
    files();
    pipes();
    futexes();
    forkExec(argv[0]);
  }
  memoryPressure();
  files();
  check(umount("/mnt") == 0, "umount");

  dump("stack_trace", "/sys/kernel/tracing/stack_trace");
  dump("stack_max_size", "/sys/kernel/tracing/stack_max_size");
  static char Log[1 << 20];
  int N = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, Log, sizeof(Log));
  printf("==== dmesg\n");
  if (N > 0)
    fwrite(Log, 1, N, stdout);
  printf("==== end\n");
  fflush(stdout);
  sync();
  reboot(RB_AUTOBOOT);
  return 0;
}
