#!/usr/bin/env bash
# Runs every stackbudget test suite (lit compiler tests, GoogleTest unit
# tests, kernel tests) in one lit run and ends with "N passed, N failed".
# Usage: scripts/test.sh [extra lit arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

LIT=/usr/lib/llvm-22/bin/lit
if ! ninja -C build >build/last-build.log 2>&1; then
  cat build/last-build.log
  echo "0 passed, 1 failed"
  exit 1
fi

suites=()
for d in build/tests/lit build/tests/unit build/tests/kernel; do
  [ -f "$d/lit.site.cfg.py" ] && suites+=("$d")
done

"$LIT" -sv --time-tests --output build/test-results.json "$@" "${suites[@]}"
lit_status=$?
python3 scripts/summarize-tests.py build/test-results.json
summary_status=$?
if [ $lit_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
exit 0
