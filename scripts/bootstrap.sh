#!/usr/bin/env bash
# Installs what stackbudget needs on Debian bookworm and builds it.
# Usage: scripts/bootstrap.sh        (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

$SUDO apt-get update
# LLVM 22 comes from bookworm-security; LLVM 19 from bookworm.
$SUDO apt-get install -y -t bookworm-security \
  clang-22 llvm-22-dev libclang-22-dev lld-22 llvm-22-tools clang-tidy-22
# clang-22's libFuzzer and sanitizer runtimes (libclang_rt.fuzzer*.a) for
# build-fuzz/: a package of their own, not a dependency of clang-22.
$SUDO apt-get install -y -t bookworm-security libclang-rt-22-dev
$SUDO apt-get install -y \
  clang-19 llvm-19-dev libclang-19-dev lld-19 llvm-19-tools clang-tidy-19 \
  cmake ninja-build libgtest-dev python3 python3-psutil \
  linux-source-6.12 bc bison flex libelf-dev libssl-dev cpio kmod binutils perl time
# Report consumers' tests: graphviz renders `stackbudget dot`; npm brings
# Microsoft's SARIF validator into tools/node (git-ignored);
# python3-jsonschema is the second SARIF schema check.
$SUDO apt-get install -y graphviz python3-jsonschema
# The kernel suite boots its runtime kernels under QEMU (TCG; no KVM needed)
# with a static init on an ext2 image: scripts/runtime-boot.sh. Without the
# recommends, qemu-system-x86 and qemu-system-arm (qemu-system-aarch64) stay
# a few packages. The arm64 init links against Debian's arm64 libc and
# libgcc cross packages (clang-22 and ld.lld do the rest).
$SUDO apt-get install -y --no-install-recommends qemu-system-x86 qemu-system-arm \
  e2fsprogs libc6-dev libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
# Debian's npm conflicts with a Node.js that came from elsewhere (machine
# images often ship NodeSource's nodejs, which bundles npm): install Debian's
# only when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y npm
fi
npm install --prefix tools/node --no-audit --no-fund
# npm may skip the package's postinstall (chmod u+x); do it here.
chmod u+x tools/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

# One build directory per LLVM major, from the same source: build/ for 22,
# build-19/ for 19 (docs/llvm19.md). Both are compiled with clang-22; what
# differs is the LLVM the plugin is built against (and must be loaded into).
for major in 22 19; do
  dir=build
  [ "$major" != 22 ] && dir=build-$major
  cmake -S . -B "$dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DSTACKBUDGET_LLVM_MAJOR=$major -DSTACKBUDGET_WERROR=ON
  ninja -C "$dir"
done

# build-fuzz/: the libFuzzer harnesses of tests/fuzz (clang-22,
# -fsanitize=fuzzer,address,undefined) and the tools their lit suite makes
# seeds with; scripts/test.sh runs that suite (docs/robustness.md).
cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DSTACKBUDGET_LLVM_MAJOR=22 -DSTACKBUDGET_FUZZ=ON
ninja -C build-fuzz fuzz
