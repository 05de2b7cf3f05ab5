#!/usr/bin/env bash
# Configures and builds one Linux kernel (x86-64, or arm64 cross-built by
# clang and ld.lld alone), with or without stackbudget,
# into its own output directory (O=), keeping the build's stderr apart so
# that two builds' warnings can be compared.
#
#   scripts/kernel-build.sh OUT [--no-plugin] [--lto] [--base tinyconfig|defconfig]
#                               [--fragment FILE] [--stack-usage] [--target T]
#                               [--arch x86_64|arm64]
#
#   OUT            output directory; OUT/build.stderr, OUT/build.time (wall,
#                  user, sys seconds, peak KiB) and OUT/build.seconds are
#                  written next to the kernel's own files
#   --no-plugin    plain `make LLVM=-22` (the baseline for "no harm")
#   --lto          CONFIG_LTO_CLANG_THIN=y
#   --base         the kernel's config target to start from (default tinyconfig)
#   --fragment     config fragment merged on top (default tests/kernel/ci.config;
#                  "none" for none); repeat it to merge several, in order
#   --stack-usage  add -fstack-usage (one .su per object, to check frames)
#   --target       make targets, space-separated (default vmlinux)
#   --arch         the kernel's ARCH (default x86_64); arm64's default
#                  fragment is tests/kernel/arm64.config
# Environment: KERNEL_SRC (default /work/kernel/linux-source-6.12, extracted
# from /usr/src/linux-source-6.12.tar.xz when missing), STACKBUDGET_BUILD
# (default <repo>/build), JOBS (default nproc), LLVM_SUFFIX (default -22).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

out=${1:?usage: kernel-build.sh OUT [options]}; shift
plugin=1 lto=0 base=tinyconfig su=0 target=vmlinux arch=x86_64
fragments=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-plugin) plugin=0 ;;
    --lto) lto=1 ;;
    --base) base=$2; shift ;;
    --fragment) fragments+=("$2"); shift ;;
    --stack-usage) su=1 ;;
    --target) target=$2; shift ;;
    --arch) arch=$2; shift ;;
    *) echo "kernel-build.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
case "$arch" in
  x86_64) default_fragment=$repo/tests/kernel/ci.config ;;
  arm64) default_fragment=$repo/tests/kernel/arm64.config ;;
  *) echo "kernel-build.sh: unknown --arch '$arch' (x86_64 or arm64)" >&2; exit 2 ;;
esac
[ ${#fragments[@]} -eq 0 ] && fragments=("$default_fragment")
[ "${fragments[*]}" = none ] && fragments=()

src=${KERNEL_SRC:-/work/kernel/linux-source-6.12}
if [ ! -f "$src/Makefile" ]; then
  tarball=/usr/src/linux-source-6.12.tar.xz
  [ -f "$tarball" ] || { echo "kernel-build.sh: no $src and no $tarball (apt-get install linux-source-6.12)" >&2; exit 2; }
  mkdir -p "$(dirname "$src")"
  tar -C "$(dirname "$src")" -xf "$tarball"
fi
llvm=${LLVM_SUFFIX:--22}
jobs=${JOBS:-$(nproc)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Reproducible: two builds that differ only by the plugin must give the same
# bytes (the version string and timestamp end up in vmlinux).
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=stackbudget KBUILD_BUILD_HOST=stackbudget KBUILD_BUILD_VERSION=1

common=("ARCH=$arch" "LLVM=$llvm" "O=$out")
make -s -C "$src" "${common[@]}" "$base" >/dev/null
if [ ${#fragments[@]} -gt 0 ]; then
  "$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${fragments[@]}" >/dev/null
fi
if [ $lto = 1 ]; then
  "$src/scripts/config" --file "$out/.config" -d LTO_NONE -e LTO_CLANG_THIN
fi
make -s -C "$src" "${common[@]}" olddefconfig >/dev/null
# Every option the fragments ask for must have survived olddefconfig.
if [ ${#fragments[@]} -gt 0 ]; then
  for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "${fragments[@]}"); do
    grep -q "^$opt=y" "$out/.config" || { echo "kernel-build.sh: $opt did not survive olddefconfig" >&2; exit 1; }
  done
fi
if [ $lto = 1 ]; then
  grep -q '^CONFIG_LTO_CLANG_THIN=y' "$out/.config" || { echo "kernel-build.sh: LTO_CLANG_THIN not set" >&2; exit 1; }
fi

kcflags=()
[ $su = 1 ] && kcflags=("KCFLAGS=-fstack-usage")
if [ $plugin = 1 ]; then
  mk=("$repo/kbuild/stackbudget-make")
else
  mk=(make)
fi
# build.time: wall seconds, user and system CPU seconds, peak RSS (KiB).
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%e %U %S %M" -o "$out/build.time")
start=$(date +%s)
set +e
(cd "$src" && "${timer[@]}" "${mk[@]}" "${common[@]}" "${kcflags[@]}" -j"$jobs" $target) \
  >"$out/build.stdout" 2>"$out/build.stderr"
status=$?
set -e
echo "$(( $(date +%s) - start ))" >"$out/build.seconds"
if [ $status -ne 0 ]; then
  tail -n 30 "$out/build.stderr" >&2
  echo "kernel-build.sh: build failed in $out (status $status)" >&2
  exit $status
fi
echo "kernel-build.sh: built $out/$target in $(cat "$out/build.seconds") s"
