#!/usr/bin/env bash
# The whole-kernel check: wall time and peak memory of the real verdict
# command line on a CI kernel, and its split into phases (check
# --time-phases: reading facts, the profile, resolving indirect calls,
# building the graph, the path walk, the report). One run; the phase rows
# and /usr/bin/time come from the same run. Targets (issue 13): <= 0.5 s and
# <= 150 MB.
#
#   bench/kernel-check.sh [VMLINUX_O]
#
#   VMLINUX_O  the kernel's `ld -r` output with its facts. Default: in
#              /work/bench-kernel, vmlinux.stackbudget.o when kbuild kept a
#              copy with the facts beside a stripped vmlinux.o (facts format
#              4), else vmlinux.o.
# Environment: STACKBUDGET_BUILD (default <repo>/build-bench, else <repo>/build).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${STACKBUDGET_BUILD:-}
if [ -z "$build" ]; then
  build=$repo/build-bench
  [ -x "$build/bin/stackbudget" ] || build=$repo/build
fi
tool=$build/bin/stackbudget
input=${1:-}
if [ -z "$input" ]; then
  input=/work/bench-kernel/vmlinux.o
  [ -f /work/bench-kernel/vmlinux.stackbudget.o ] && input=/work/bench-kernel/vmlinux.stackbudget.o
elif [ "$(basename "$input")" = vmlinux.o ] && [ -f "$(dirname "$input")/vmlinux.stackbudget.o" ]; then
  # The stripped vmlinux.o has no facts: the check would measure nothing.
  input=$(dirname "$input")/vmlinux.stackbudget.o
fi
[ -f "$input" ] || { echo "kernel-check.sh: no $input" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmd=("$tool" check --trust-objects-without-facts --closed-world
     --profile "$repo/annotations/linux-x86_64-6.12.yaml"
     --annotations "$repo/annotations/linux-6.12-recursion.yaml"
     --annotations "$repo/annotations/linux-6.12-x86_64.yaml" "$input")
echo "kernel-check.sh: ${cmd[*]} --time-phases" >&2
# Warm the page cache so that the first read of the file is no phase.
cat "$input" >/dev/null
set +e
/usr/bin/time -v -o "$tmp/time" "${cmd[@]}" --time-phases >/dev/null 2>"$tmp/stderr"
status=$?
set -e
# The check's own exit status: 0, or 2 for findings as errors; 1 is bad input.
[ $status -eq 1 ] && { cat "$tmp/stderr" >&2; exit 1; }

echo "== stackbudget check phases ($(basename "$input"), $(stat -c %s "$input") bytes) =="
sed -n '/^phase /,/^total /p' "$tmp/stderr"
grep -E '^stackbudget: [0-9]+ entries' "$tmp/stderr" || true
python3 - "$tmp/time" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split()[0]
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
mb = kib * 1024 / 1e6
def row(what, got, target, unit):
    miss = "met" if got <= target else f"{got - target:.2f} {unit} (x{got / target:.1f})"
    print(f"{what:<24} {got:>10.2f} {unit:<3} {target:>8.2f} {unit:<3} {miss}")
print()
print(f"{'whole-kernel check':<24} {'measured':>14} {'target':>12} missed by")
row("wall time", secs, 0.5, "s")
row("peak memory (RSS)", mb, 150, "MB")
EOF
