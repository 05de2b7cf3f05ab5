#!/usr/bin/env bash
# Compile overhead of -fplugin on real kernel TUs, in instructions counted by
# callgrind: each TU is compiled twice by the same stripped copy of clang-22
# with the kernel's own flags (from kbuild's .cmd file), once without and once
# with the plugin, and the with-plugin profile is split into where the
# plugin's instructions go. Instruction counts do not depend on the machine's
# load, so one run of each is the figure. Target (issue 13): <= 1%.
#
#   bench/compile-overhead.sh [KERNEL_OUT [TU...]]
#
#   KERNEL_OUT  a kernel output tree built with the plugin (kbuild O=; default
#               /work/bench-kernel), for its .cmd files and generated headers
#   TU          objects relative to KERNEL_OUT (default fs/select.o
#               kernel/cred.o mm/page_alloc.o)
# Environment: STACKBUDGET_BUILD (default <repo>/build-bench, else <repo>/build),
# KERNEL_SRC is not needed (the .cmd files name the sources), BENCH_TMP
# (default /tmp/stackbudget-bench) for the callgrind profiles, kept after the
# run for callgrind_annotate.
# Needs valgrind and callgrind_annotate (3.19 cannot read the debug info of
# Debian's clang-22, hence the stripped copy).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/work/bench-kernel}
shift || true
tus=("$@")
[ ${#tus[@]} -eq 0 ] && tus=(fs/select.o kernel/cred.o mm/page_alloc.o)
build=${STACKBUDGET_BUILD:-}
if [ -z "$build" ]; then
  build=$repo/build-bench
  [ -f "$build/lib/stackbudget.so" ] || build=$repo/build
fi
[ -f "$build/lib/stackbudget.so" ] || { echo "compile-overhead.sh: no plugin in $build/lib" >&2; exit 2; }
tmp=${BENCH_TMP:-/tmp/stackbudget-bench}
mkdir -p "$tmp/plugin"
# valgrind 3.19 gives up on the plugin's DWARF 5 too ("unhandled dwarf2
# abbrev form code 0x25"): measure copies without debug info, which keep
# their symbols for the split. stackbudget.so opens stackbudget-clang.so
# from its own directory, so both are copied.
for so in stackbudget.so stackbudget-clang.so; do
  objcopy --strip-debug "$build/lib/$so" "$tmp/plugin/$so"
done
plugin=$tmp/plugin/stackbudget.so

# The kernel names its compiler "clang-22" (LLVM=-22); measure that binary.
real_clang=$(readlink -f "$(command -v clang-22)")
clang=$tmp/clang-22-stripped
[ "$clang" -nt "$real_clang" ] || strip -o "$clang" "$real_clang"
resource_dir=$(clang-22 -print-resource-dir)

# The flags kbuild used for TU, minus what the plugin build added (the plugin
# and -fstack-usage from KCFLAGS) and the dependency file, one per line
# (bench/kbuild-flags.py, which bench/facts-size.sh reads them with too).
kernel_flags() { python3 "$repo/bench/kbuild-flags.py" "$out" "$1"; }

# Total instructions (Ir) of a callgrind profile.
total_ir() { sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' "$1" | head -1; }

run() { # PROFILE FLAGS...
  local prof=$1; shift
  (cd "$out" && valgrind --tool=callgrind --callgrind-out-file="$prof" \
      "$clang" -resource-dir "$resource_dir" "$@" >/dev/null 2>"$prof.stderr") ||
    { echo "compile-overhead.sh: compile failed, see $prof.stderr" >&2; exit 1; }
}

printf '%-20s %16s %16s %9s %8s %9s\n' TU without with overhead target "missed by" >"$tmp/overhead.table"
for tu in "${tus[@]}"; do
  mapfile -t flags < <(kernel_flags "$tu")
  name=${tu//\//_}; name=${name%.o}
  echo "compile-overhead.sh: $tu: callgrind without the plugin" >&2
  run "$tmp/$name.without.cg" "${flags[@]}" -o "$tmp/$name.without.o"
  echo "compile-overhead.sh: $tu: callgrind with the plugin" >&2
  run "$tmp/$name.with.cg" "${flags[@]}" "-fplugin=$plugin" -o "$tmp/$name.with.o"
  without=$(total_ir "$tmp/$name.without.cg")
  with=$(total_ir "$tmp/$name.with.cg")
  python3 - "$tu" "$without" "$with" >>"$tmp/overhead.table" <<'EOF'
import sys
tu, without, with_ = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pct = 100.0 * (with_ - without) / without
miss = "met" if pct <= 1.0 else f"{pct - 1.0:.2f} pt (x{pct:.1f})"
print(f"{tu:<20} {without:>16,} {with_:>16,} {pct:>8.2f}% {'<= 1%':>8} {miss:>9}")
EOF
  # Where the plugin's instructions go: inclusive cost of its entry points,
  # grouped by the part of stackbudget they belong to.
  callgrind_annotate --inclusive=yes --threshold=100 "$tmp/$name.with.cg" \
    >"$tmp/$name.with.inclusive.txt" 2>/dev/null
  python3 "$repo/bench/overhead-split.py" "$tu" "$without" "$with" \
    "$tmp/$name.with.inclusive.txt" >>"$tmp/split.txt.$$"
done

echo
echo "== where the plugin's instructions go (inclusive, with-plugin run) =="
cat "$tmp/split.txt.$$"
rm -f "$tmp/split.txt.$$"
echo
echo "== compile overhead of -fplugin (callgrind instructions, clang-22 stripped) =="
cat "$tmp/overhead.table"
echo "profiles: $tmp/*.cg (callgrind_annotate --inclusive=yes FILE)"
