#!/usr/bin/env bash
# Indirect-call precision on a kernel built with the plugin (issue 11's
# figures): candidates per site under type matching, field refinement and
# annotations (mean, median, p99, max), what holds the largest unbounded
# cycle together, and the check's per-class summary.
#
#   bench/indirect-precision.sh KERNEL_OUT [STACKBUDGET_BUILD] [--closed-world]
#
# KERNEL_OUT is a directory scripts/kernel-build.sh built (it holds
# vmlinux.o); STACKBUDGET_BUILD defaults to <repo>/build.
# Assembly objects carry no facts, so field refinement trusts them
# (--trust-objects-without-facts, docs/indirect-calls.md).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/indirect-precision.sh KERNEL_OUT [STACKBUDGET_BUILD]}
build=${2:-$repo/build}
# Assembly objects carry no facts: trust them to store no function into a
# member and to pass none to C functions that C calls too.
opts=(--trust-objects-without-facts)
[ "${3:-}" = --closed-world ] && opts+=(--closed-world)
tool=$build/bin/stackbudget
profile=$repo/annotations/linux-x86_64-6.12.yaml
# The kernel's own recursion bounds (docs/kernel.md).
opts+=(--annotations "$repo/annotations/linux-6.12-recursion.yaml"
      --annotations "$repo/annotations/linux-6.12-x86_64.yaml")
input=$out/vmlinux.o

echo "== candidates per indirect call site"
"$tool" indirect "${opts[@]}" "$input" |
  sed -n '/^indirect call sites:/,$p'
echo "== largest unbounded cycle and the sets inside it"
"$tool" rank "${opts[@]}" --profile "$profile" --top 10 "$input" |
  sed -n '/^candidate sets inside the largest unbounded cycle/,$p'
echo "== per class"
python3 "$repo/scripts/kernel-paths.py" "$out" --profile "$profile" \
  --tool "$tool" --hops 0 "${opts[@]/#/--check-arg=}" |
  grep -E '^(graph|entries|unknowns|worst)'
