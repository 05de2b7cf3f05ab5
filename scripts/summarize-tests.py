#!/usr/bin/env python3
"""Prints lit's results as the one line CI reads: "N passed, N failed".

Takes one or more lit --output JSON files (one per build directory, e.g. the
LLVM 22 and the LLVM 19 build) and adds them up; --failed-builds N counts N
builds that did not compile as N failures.
"""
import argparse
import json
import sys

PASS = {"PASS", "XFAIL", "FLAKYPASS"}
SKIP = {"UNSUPPORTED", "EXCLUDED", "SKIPPED"}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--failed-builds", type=int, default=0)
    ap.add_argument("results", nargs="*")
    args = ap.parse_args()
    passed = skipped = failed = 0
    failed += args.failed_builds
    ran = 0
    for path in args.results:
        try:
            with open(path) as f:
                results = json.load(f)["tests"]
        except (OSError, ValueError, KeyError) as e:
            print(f"cannot read lit results {path}: {e}", file=sys.stderr)
            failed += 1
            continue
        ran += len(results)
        p = sum(1 for t in results if t["code"] in PASS)
        s = sum(1 for t in results if t["code"] in SKIP)
        passed += p
        skipped += s
        failed += len(results) - p - s
    if not ran:
        print("no tests ran", file=sys.stderr)
        failed = max(failed, 1)
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
