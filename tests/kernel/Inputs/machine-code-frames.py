#!/usr/bin/env python3
"""Prints, for each function named on the command line, what a JSON report
(the first argument) says of it: frame, depth and who gave the frame, then
the machine-code unknowns of it. One line per fact, for FileCheck."""
import json
import sys


def main():
    report = json.load(open(sys.argv[1]))
    names = sys.argv[2:]
    functions = {f["name"]: f for f in report["functions"]}
    for name in names:
        f = functions.get(name)
        if f is None:
            print(f"{name}: not in the report")
            continue
        depth = f"{f['depth']}{' +?' if f['depth_unknown'] else ''}"
        print(f"{name}: frame {f['frame']} depth {depth} "
              f"from {f.get('recorder', 'facts')}")
    for u in report["unknowns"]:
        if u["kind"] == "machine-code" and u["function"] in names:
            print(f"{u['function']}: unknown: {u['message']}")


if __name__ == "__main__":
    main()
