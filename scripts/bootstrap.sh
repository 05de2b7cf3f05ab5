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
$SUDO apt-get install -y \
  clang-19 llvm-19-dev libclang-19-dev lld-19 llvm-19-tools \
  cmake ninja-build libgtest-dev python3 \
  linux-source-6.12 bc bison flex libelf-dev libssl-dev cpio kmod binutils perl time

# One build directory per LLVM major: build/ for 22.
cmake -S . -B build -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DSTACKBUDGET_LLVM_MAJOR=22 -DSTACKBUDGET_WERROR=ON
ninja -C build
