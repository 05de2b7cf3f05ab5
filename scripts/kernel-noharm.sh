#!/usr/bin/env bash
# Compares a kernel built with stackbudget (WITH) against the same config
# built without it (WITHOUT), both made by scripts/kernel-build.sh, and prints
# one line per property that "no harm" means:
#
#   new-warnings: 0              warning lines of WITH's build not in WITHOUT's
#   baseline-warnings: N         (for the record)
#   objtool-warnings: 0          objtool lines in WITH's build output
#   facts-section-in-vmlinux.o: .note.stackbudget NOTE flags E
#   copy-of-vmlinux.o: none      (kbuild/stackbudget-ld leaves vmlinux.o as is)
#   extra-sections-in-vmlinux: 0 sections of WITH's vmlinux not in WITHOUT's
#   text: identical (N bytes)    .text of both vmlinux, byte for byte
#   alloc-sections: N of N identical   every loaded section, byte for byte
#   vmlinux: identical (N bytes)       the whole file, byte for byte
#
#   scripts/kernel-noharm.sh WITH WITHOUT [PROPERTY...] [--details FILE]
# PROPERTY is one of warnings, objtool, facts-section, sections, text, alloc,
# file
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
    warnings|objtool|facts-section|sections|text|alloc|file) props+=("$1") ;;
    *) echo "kernel-noharm.sh: unknown property '$1'" >&2; exit 2 ;;
  esac
  shift
done
[ ${#props[@]} = 0 ] && props=(warnings objtool facts-section sections text alloc file)
bin=${LLVM_BIN:-/usr/lib/llvm-22/bin}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count() { printf '%s' "$1" | grep -c .; }

# Warnings name files relative to the output tree or by absolute path; make
# both builds' lines comparable by dropping the output directory.
warnings() {
  grep -E 'warning:|WARNING:' "$1/build.stderr" | sed "s|$1/||g" | sort
}
check_warnings() {
  warnings "$with" >"$tmp/w.with"
  warnings "$without" >"$tmp/w.without"
  local new
  new=$(comm -23 "$tmp/w.with" "$tmp/w.without")
  echo "new-warnings: $(count "$new")"
  echo "baseline-warnings: $(grep -c . "$tmp/w.without")"
  [ -z "$new" ] || { status=1; printf '%s\n' "$new" >>"$details"; }
}

check_objtool() {
  local lines
  lines=$(grep -E 'objtool' "$with/build.stderr")
  echo "objtool-warnings: $(count "$lines")"
  [ -z "$lines" ] || { status=1; printf '%s\n' "$lines" >>"$details"; }
}

# The facts reach the `ld -r` output, vmlinux.o, as a note section flagged
# SHF_EXCLUDE ("E") that kbuild (modpost, objtool, the final link) takes as
# it is: stackbudget-ld makes no copy of vmlinux.o and strips nothing.
facts_section() {
  "$bin/llvm-readelf" -S --wide "$1" |
    awk '{ for (i = 1; i < NF; i++) if ($i == ".note.stackbudget")
             print $i " " $(i + 1) " flags " $(NF - 3) }'
}
check_facts-section() {
  local sec
  sec=$(facts_section "$with/vmlinux.o")
  echo "facts-section-in-vmlinux.o: ${sec:-none}"
  case "$sec" in *" NOTE flags "*E*) ;; *) status=1 ;; esac
  if [ -e "$with/vmlinux.stackbudget.o" ]; then
    echo "copy-of-vmlinux.o: $with/vmlinux.stackbudget.o"
    status=1
  else
    echo "copy-of-vmlinux.o: none"
  fi
}

section_names() {
  "$bin/llvm-readelf" -S --wide "$1" |
    awk '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ *[0-9]+\] */, ""); print $1 }' | sort
}
check_sections() {
  section_names "$with/vmlinux" >"$tmp/s.with"
  section_names "$without/vmlinux" >"$tmp/s.without"
  local extra
  extra=$(comm -23 "$tmp/s.with" "$tmp/s.without")
  echo "extra-sections-in-vmlinux: $(count "$extra")"
  [ -z "$extra" ] || { status=1; printf 'extra section %s\n' $extra >>"$details"; }
}

check_text() {
  "$bin/llvm-objcopy" -O binary -j .text "$with/vmlinux" "$tmp/text.with"
  "$bin/llvm-objcopy" -O binary -j .text "$without/vmlinux" "$tmp/text.without"
  if [ -s "$tmp/text.with" ] && cmp -s "$tmp/text.with" "$tmp/text.without"; then
    echo "text: identical ($(stat -c %s "$tmp/text.with") bytes)"
  else
    echo "text: differs"; status=1
  fi
}

# Every allocated section with contents (what is loaded into memory).
alloc_sections() {
  "$bin/llvm-readelf" -S --wide "$1" |
    awk '/^ *\[ *[0-9]+\]/ { sub(/^ *\[ *[0-9]+\] */, "");
         if ($7 ~ /A/ && $2 != "NOBITS") print $1 }'
}
check_alloc() {
  local n=0 same=0 s
  for s in $(alloc_sections "$with/vmlinux"); do
    n=$((n + 1))
    "$bin/llvm-objcopy" -O binary -j "$s" "$with/vmlinux" "$tmp/a" 2>/dev/null
    "$bin/llvm-objcopy" -O binary -j "$s" "$without/vmlinux" "$tmp/b" 2>/dev/null
    if cmp -s "$tmp/a" "$tmp/b"; then
      same=$((same + 1))
    else
      echo "differs $s" >>"$details"
    fi
  done
  echo "alloc-sections: $same of $n identical"
  [ "$same" = "$n" ] || status=1
}

# The whole vmlinux (build ids included): reproducible builds that differ
# only by the plugin give the same file.
check_file() {
  if cmp -s "$with/vmlinux" "$without/vmlinux"; then
    echo "vmlinux: identical ($(stat -c %s "$with/vmlinux") bytes)"
  else
    echo "vmlinux: differs"; status=1
  fi
}

for p in "${props[@]}"; do "check_$p"; done
exit $status
