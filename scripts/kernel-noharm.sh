#!/usr/bin/env bash
# Compares a kernel built with stackbudget (WITH) against the same config
# built without it (WITHOUT), both made by scripts/kernel-build.sh, and prints
# one line per property that "no harm" means:
#
#   new-warnings: 0              warning lines of WITH's build not in WITHOUT's
#   objtool-warnings: 0          objtool lines in WITH's build output
#   facts-section-in-vmlinux.o: .stackbudget.facts flags E
#   extra-sections-in-vmlinux: 0 sections of WITH's vmlinux not in WITHOUT's
#   text: identical              .text of both vmlinux, byte for byte
#   alloc-sections: N of N identical   every SHF_ALLOC section, byte for byte
#
#   scripts/kernel-noharm.sh WITH WITHOUT [PROPERTY...] [--details FILE]
# PROPERTY is one of warnings, objtool, facts-section, sections, text, alloc
# (default: all). Exits non-zero when a property fails.
set -uo pipefail
with=$(cd "${1:?usage: kernel-noharm.sh WITH WITHOUT}" && pwd)
without=$(cd "${2:?usage: kernel-noharm.sh WITH WITHOUT}" && pwd)
shift 2
details=/dev/null
props=()
while [ $# -gt 0 ]; do
  case "$1" in
    --details) details=${2:?--details needs a file}; shift ;;
    warnings|objtool|facts-section|sections|text|alloc) props+=("$1") ;;
    *) echo "kernel-noharm.sh: unknown property '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ ${#props[@]} = 0 ] && props=(warnings objtool facts-section sections text alloc)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Warnings name files relative to the output tree or by absolute path; make
# both builds' lines comparable by dropping the output directory.
warnings() {
  grep -E 'warning:|WARNING:' "$1/build.stderr" | sed "s|$1/||g" | sort
}
check_warnings() {
warnings "$with" >"$tmp/w.with"
warnings "$without" >"$tmp/w.without"
new=$(comm -23 "$tmp/w.with" "$tmp/w.without")
echo "new-warnings: $(printf '%s' "$new" | grep -c .)"
[ -n "$new" ] && { status=1; printf '%s\n' "$new" >>"$details"; }
echo "baseline-warnings: $(grep -c . "$tmp/w.without")"
}

check_objtool() {
objtool=$(grep -E 'objtool' "$with/build.stderr")
echo "objtool-warnings: $(printf '%s' "$objtool" | grep -c .)"
[ -n "$objtool" ] && { status=1; printf '%s\n' "$objtool" >>"$details"; }
}

# The facts reach vmlinux.o (ld -r keeps them) flagged SHF_EXCLUDE ("E").
check_facts-section() {
sec=$("$bin/llvm-readelf" -S --wide "$with/vmlinux.o" | awk '$2 == ".stackbudget.facts" { print $2 " flags " $(NF-3) }')
echo "facts-section-in-vmlinux.o: ${sec:-none}"
case "$sec" in *E*) ;; *) status=1 ;; esac
}

sections() { "$bin/llvm-readelf" -S --wide "$1" | awk '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ *[0-9]+\] */, ""); print $1 }' | sort; }
check_sections() {
sections "$with/vmlinux" >"$tmp/s.with"
sections "$without/vmlinux" >"$tmp/s.without"
extra=$(comm -23 "$tmp/s.with" "$tmp/s.without")
echo "extra-sections-in-vmlinux: $(printf '%s' "$extra" | grep -c .)"
[ -n "$extra" ] && { status=1; printf 'extra section %s\n' $extra >>"$details"; }
}

check_text() {
"$bin/llvm-objcopy" -O binary -j .text "$with/vmlinux" "$tmp/text.with"
"$bin/llvm-objcopy" -O binary -j .text "$without/vmlinux" "$tmp/text.without"
if cmp -s "$tmp/text.with" "$tmp/text.without"; then
  echo "text: identical ($(stat -c %s "$tmp/text.with") bytes)"
else
  echo "text: differs"; status=1
fi
}

# Every allocated section (what is loaded into memory), byte for byte.
alloc() { "$bin/llvm-readelf" -S --wide "$1" | awk '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ *[0-9]+\] */, ""); if ($7 ~ /A/ && $2 != "NOBITS") print $1 }'; }
check_alloc() {
n=0 same=0
for s in $(alloc "$with/vmlinux"); do
  n=$((n + 1))
  "$bin/llvm-objcopy" -O binary -j "$s" "$with/vmlinux" "$tmp/a" 2>/dev/null
  "$bin/llvm-objcopy" -O binary -j "$s" "$without/vmlinux" "$tmp/b" 2>/dev/null
  if cmp -s "$tmp/a" "$tmp/b"; then same=$((same + 1)); else echo "differs $s" >>"$details"; fi
done
echo "alloc-sections: $same of $n identical"
[ "$same" = "$n" ] || status=1
}

for p in "${props[@]}"; do "check_$p"; done
exit $status
