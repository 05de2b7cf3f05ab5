#!/usr/bin/env bash
# Facts bytes against object bytes: the size of the facts section of an
# object against the size of the same object without it, for kernel TUs
# compiled with the kernel's own flags (from kbuild's .cmd files), without
# and with -g, and for a whole CI kernel's `ld -r` output. One run; sizes
# are deterministic. Targets (issue 13): facts <= 10% of the object without
# -g, <= 3% with -g.
#
#   bench/facts-size.sh [VMLINUX_O [KERNEL_OUT [TU...]]]
#
#   VMLINUX_O   the kernel's `ld -r` output (default /work/bench-kernel/vmlinux.o).
#               When kbuild keeps the facts in vmlinux.stackbudget.o beside a
#               vmlinux.o stripped of them (facts format 4), that copy is read.
#   KERNEL_OUT  the kernel output tree with the .cmd files (default: the
#               directory of VMLINUX_O)
#   TU          objects relative to KERNEL_OUT (default fs/select.o
#               kernel/cred.o mm/page_alloc.o)
# Environment: STACKBUDGET_BUILD (default <repo>/build-bench, else <repo>/build).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
vmlinux=${1:-/work/bench-kernel/vmlinux.o}
out=${2:-$(dirname "$vmlinux")}
shift $(( $# > 2 ? 2 : $# )) || true
tus=("$@")
[ ${#tus[@]} -eq 0 ] && tus=(fs/select.o kernel/cred.o mm/page_alloc.o)
build=${STACKBUDGET_BUILD:-}
if [ -z "$build" ]; then
  build=$repo/build-bench
  [ -f "$build/lib/stackbudget.so" ] || build=$repo/build
fi
plugin=$build/lib/stackbudget.so
readelf=llvm-readelf-22
objcopy=llvm-objcopy-22
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The section's name is whatever the facts format calls it: any section
# whose name mentions stackbudget (.stackbudget.facts today).
facts_sections() { "$readelf" -SW "$1" | sed -n 's/.*\] \(\S*stackbudget\S*\) .*/\1/p' | sort -u; }
# Bytes of every facts section in OBJ (ld -r merges them into one).
facts_bytes() {
  "$readelf" -SW "$1" | python3 -c '
import re, sys
total = 0
for line in sys.stdin:
    if "stackbudget" in line:
        # Name Type Address Off Size ...: Size follows the 16-digit address and the offset.
        f = line.split("]", 1)[1].split()
        i = next(k for k, v in enumerate(f) if re.fullmatch(r"[0-9a-f]{16}", v))
        total += int(f[i + 2], 16)
print(total)'
}
# Bytes of OBJ without its facts sections.
bytes_without_facts() {
  local args=()
  for s in $(facts_sections "$1"); do args+=("--remove-section=$s"); done
  "$objcopy" "${args[@]}" "$1" "$tmp/nofacts.o"
  stat -c %s "$tmp/nofacts.o"
}

rows=$tmp/rows
: >"$rows"
row() { # WHAT DEBUG FACTS OBJECT
  python3 - "$@" >>"$rows" <<'EOF'
import sys
what, debug, facts, obj = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
target = 3.0 if debug == "-g" else 10.0
pct = 100.0 * facts / obj if obj else 0.0
miss = "met" if pct <= target else f"{pct - target:.1f} pt (x{pct / target:.1f})"
print(f"{what:<26} {debug:<5} {facts:>12,} {obj:>12,} {pct:>8.1f}% {f'<= {target:g}%':>8} {miss}")
EOF
}

cd "$out"
for tu in "${tus[@]}"; do
  mapfile -t flags < <(python3 "$repo/bench/kbuild-flags.py" "$out" "$tu")
  nodebug=()
  for f in "${flags[@]}"; do case "$f" in -g|-g[0-9]|-gdwarf*) ;; *) nodebug+=("$f") ;; esac; done
  for debug in "" -g; do
    obj=$tmp/tu.o
    clang-22 "${nodebug[@]}" ${debug:+"$debug"} "-fplugin=$plugin" -o "$obj" 2>"$tmp/cc.stderr" ||
      { cat "$tmp/cc.stderr" >&2; exit 1; }
    row "$tu" "${debug:-no-g}" "$(facts_bytes "$obj")" "$(bytes_without_facts "$obj")"
  done
done

# The kernel: facts from the copy that has them, the object without them
# from the stripped vmlinux.o when kbuild made one, else by removing them.
facts_obj=$vmlinux
copy=$(dirname "$vmlinux")/vmlinux.stackbudget.o
[ "$(basename "$vmlinux")" = vmlinux.o ] && [ -f "$copy" ] && facts_obj=$copy
kfacts=$(facts_bytes "$facts_obj")
kobj=$(bytes_without_facts "$facts_obj")
kdebug=no-g
grep -q '^CONFIG_DEBUG_INFO=y' "$out/.config" 2>/dev/null && kdebug=-g
row "vmlinux.o (whole kernel)" "$kdebug" "$kfacts" "$kobj"

echo "== facts bytes against object bytes without the facts (facts format: $(facts_sections "$facts_obj" | tr '\n' ' ')) =="
printf '%-26s %-5s %12s %12s %9s %8s %s\n' object debug facts object ratio target "missed by"
cat "$rows"
[ $kdebug = no-g ] && echo "(the CI kernel is built without CONFIG_DEBUG_INFO: no whole-kernel -g figure)"
exit 0
