#!/bin/bash
# Boots a kernel tree built with tests/kernel/runtime.config (x86-64) or
# tests/kernel/arm64-runtime.config (arm64, on QEMU's `virt` machine) under
# QEMU (TCG, no KVM needed) with the syscall workload of
# tests/kernel/Inputs/runtime-init.c and leaves what the kernel measured in
# WORK:
#   stack_trace, stack_max_size  the ftrace stack tracer's files after the
#                                workload (the maximum is reset after boot)
#   boot-stack_trace, boot-stack_max_size  the same at the end of the boot
#   dmesg                        the kernel log (DEBUG_STACK_USAGE lines)
#   console.log                  the whole serial console
# Then `stackbudget runtime --stack-trace WORK/stack_trace ...` compares them
# with the facts (docs/runtime.md).
#
# usage: runtime-boot.sh KERNEL_OUT WORK
# The architecture is the tree's (its .config). Environment: CLANG (default
# clang-22), QEMU (default qemu-system-x86_64 or qemu-system-aarch64),
# BOOT_TIMEOUT seconds (default 600).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
kout=${1:?usage: runtime-boot.sh KERNEL_OUT WORK}
work=${2:?usage: runtime-boot.sh KERNEL_OUT WORK}
clang=${CLANG:-clang-22}
if grep -q '^CONFIG_ARM64=y' "$kout/.config" 2>/dev/null; then
  qemu=${QEMU:-qemu-system-aarch64}
  image=$kout/arch/arm64/boot/Image target=Image
  # virt's GICv3 and PL011; a Cortex-A57 has no pointer authentication, so
  # the return addresses the stack tracer looks for are stored unsigned.
  machine=(-M virt,gic-version=3 -cpu cortex-a57) console=ttyAMA0
  # The init is cross-linked against Debian's arm64 libc
  # (libc6-dev-arm64-cross) by ld.lld.
  init_flags=(--target=aarch64-linux-gnu -fuse-ld=lld)
else
  qemu=${QEMU:-qemu-system-x86_64}
  image=$kout/arch/x86/boot/bzImage target=bzImage
  machine=() console=ttyS0 init_flags=()
fi
for tool in "$qemu" mke2fs; do
  command -v "$tool" >/dev/null || PATH=$PATH:/sbin:/usr/sbin command -v "$tool" >/dev/null ||
    { echo "runtime-boot.sh: $tool not found (scripts/bootstrap.sh installs it)" >&2; exit 2; }
done
[ -f "$image" ] || { echo "runtime-boot.sh: no $image (build with --target \"vmlinux $target\")" >&2; exit 2; }
[ -x "$kout/usr/gen_init_cpio" ] || { echo "runtime-boot.sh: no $kout/usr/gen_init_cpio (CONFIG_BLK_DEV_INITRD)" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd)

"$clang" "${init_flags[@]}" -static -O2 -o "$work/init" "$repo/tests/kernel/Inputs/runtime-init.c"
# The RAM disk is brd's default 4 MiB (CONFIG_BLK_DEV_RAM_SIZE).
rm -f "$work/disk.img"
PATH=$PATH:/sbin:/usr/sbin mke2fs -q -t ext2 -F "$work/disk.img" 4096
cat >"$work/initramfs.list" <<EOF
dir /dev 755 0 0
nod /dev/console 600 0 0 c 5 1
dir /proc 755 0 0
dir /sys 755 0 0
dir /mnt 755 0 0
file /init $work/init 755 0 0
file /disk.img $work/disk.img 644 0 0
EOF
"$kout/usr/gen_init_cpio" "$work/initramfs.list" >"$work/initramfs.cpio"

start=$(date +%s)
# -no-reboot: the init's reboot (or a panic, panic=-1) ends QEMU.
# loglevel=1: only emergencies reach the console, between the init's output.
timeout "${BOOT_TIMEOUT:-600}" "$qemu" "${machine[@]}" -nographic -no-reboot -m 128M -smp 1 \
  -kernel "$image" -initrd "$work/initramfs.cpio" \
  -append "console=$console loglevel=1 stacktrace panic=-1" \
  </dev/null >"$work/console.log" 2>&1 || true
echo "$(( $(date +%s) - start ))" >"$work/boot.seconds"
tr -d '\r' <"$work/console.log" >"$work/console.txt"
# The first marker may follow the firmware's screen escapes on its line.
cut() { sed -n "/==== $1\$/,/^==== /p" "$work/console.txt" | sed '1d;$d'; }
cut boot_stack_trace >"$work/boot-stack_trace"
cut boot_stack_max_size >"$work/boot-stack_max_size"
cut stack_trace >"$work/stack_trace"
cut stack_max_size >"$work/stack_max_size"
cut dmesg >"$work/dmesg"
if ! grep -q '^==== end$' "$work/console.txt"; then
  tail -n 40 "$work/console.txt" >&2
  echo "runtime-boot.sh: the workload did not finish (console: $work/console.log)" >&2
  exit 1
fi
echo "runtime-boot.sh: booted and measured in $(cat "$work/boot.seconds") s"
