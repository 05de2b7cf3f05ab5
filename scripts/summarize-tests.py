#!/usr/bin/env python3
"""Prints lit's results as the one line CI reads: "N passed, N failed"."""
import json
import sys

PASS = {"PASS", "XFAIL", "FLAKYPASS"}
SKIP = {"UNSUPPORTED", "EXCLUDED", "SKIPPED"}

def main(path):
    try:
        with open(path) as f:
            results = json.load(f)["tests"]
    except (OSError, ValueError, KeyError) as e:
        print(f"cannot read lit results {path}: {e}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    passed = sum(1 for t in results if t["code"] in PASS)
    skipped = sum(1 for t in results if t["code"] in SKIP)
    failed = len(results) - passed - skipped
    if not results:
        print("no tests ran", file=sys.stderr)
        failed = 1
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
