#!/usr/bin/env bash
# Runs every stackbudget test suite and ends with "N passed, N failed":
#   build/     (LLVM 22): lit compiler tests, GoogleTest unit tests, kernel tests
#   build-19/  (LLVM 19): the same lit compiler tests and unit tests, with the
#              LLVM 19 plugin (tests/lit/lit.cfg.py: features llvm-19,
#              ir-recorder; docs/llvm19.md)
#   build-fuzz/ (-DSTACKBUDGET_FUZZ=ON, when configured): the libFuzzer
#              harnesses of tests/fuzz, each over its seeds plus a few seconds
#              of fresh fuzzing (tests/fuzz/lit.cfg.py, docs/robustness.md)
# Each build directory is a separate lit run with its own JSON results;
# scripts/summarize-tests.py adds them up.
# Usage: scripts/test.sh [extra lit arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

LIT=/usr/lib/llvm-22/bin/lit
builds=(build)
[ -f build-19/build.ninja ] && builds+=(build-19)

results=()
status=0
for b in "${builds[@]}"; do
  if ! ninja -C "$b" >"$b/last-build.log" 2>&1; then
    cat "$b/last-build.log"
    echo "build of $b failed"
    status=1
    continue
  fi
  suites=()
  for d in "$b/tests/lit" "$b/tests/unit" "$b/tests/kernel"; do
    [ -f "$d/lit.site.cfg.py" ] && suites+=("$d")
  done
  "$LIT" -sv --time-tests --output "$b/test-results.json" "$@" "${suites[@]}" || status=1
  results+=("$b/test-results.json")
done

# build-fuzz/ builds only the harnesses and the tools their seeds need
# (target fuzz) and runs only the fuzz suite.
if [ -f build-fuzz/build.ninja ]; then
  builds+=(build-fuzz)
  if ! ninja -C build-fuzz fuzz >build-fuzz/last-build.log 2>&1; then
    cat build-fuzz/last-build.log
    echo "build of build-fuzz failed"
    status=1
  else
    "$LIT" -sv --time-tests --output build-fuzz/test-results.json "$@" build-fuzz/tests/fuzz || status=1
    results+=(build-fuzz/test-results.json)
  fi
fi

# A build that failed counts as one failed test.
python3 scripts/summarize-tests.py --failed-builds $((${#builds[@]} - ${#results[@]})) "${results[@]}"
summary_status=$?
if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
exit 0
