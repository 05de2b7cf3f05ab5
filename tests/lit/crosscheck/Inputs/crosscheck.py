#!/usr/bin/env python3
"""Cross-checks the recorded frames against clang's own -fstack-usage.

Usage: crosscheck.py STACKBUDGET OBJECT SU [OBJECT SU ...]

For every object, reads `stackbudget facts --json OBJECT` and the .su file
written by the same compile, and checks that
  - every function in the .su has a facts record and vice versa,
  - each record's frame equals the .su number,
  - a record has a dynamic part exactly when the .su says "dynamic",
  - no function symbol of the object lacks facts.
Prints "N of M functions match", then one line per mismatch; exits 1 if any.
"""
import json
import os
import subprocess
import sys

# The .su reader is the repository's (scripts/stackusage.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "scripts"))
import stackusage  # noqa: E402


def read_su(path):
    """Maps function name -> (frame, qualifiers) from one .su file."""
    frames = {}
    for name, size, quals in stackusage.read_su(path):
        if name in frames:
            raise SystemExit(f"{path}: {name} appears twice")
        frames[name] = (size, quals)
    return frames


def read_facts(tool, obj):
    out = subprocess.run([tool, "facts", "--json", obj], check=True,
                         capture_output=True, text=True).stdout
    doc = json.loads(out)
    functions, without = {}, []
    for o in doc["objects"]:
        without += o["functions_without_facts"]
        for fn in o["functions"]:
            if fn["name"] in functions:
                raise SystemExit(f"{obj}: {fn['name']} recorded twice")
            functions[fn["name"]] = fn
    return functions, without


def main(argv):
    if len(argv) < 4 or len(argv) % 2 != 0:
        raise SystemExit(__doc__)
    tool = argv[1]
    total = matched = 0
    problems = []
    for obj, su in zip(argv[2::2], argv[3::2]):
        su_frames = read_su(su)
        facts, without = read_facts(tool, obj)
        for name in without:
            problems.append(f"{obj}: {name}: function symbol without facts")
        for name in sorted(set(facts) - set(su_frames)):
            problems.append(f"{obj}: {name}: in the facts but not in {su}")
        for name in sorted(su_frames):
            total += 1
            frame, quals = su_frames[name]
            fn = facts.get(name)
            if fn is None:
                problems.append(f"{obj}: {name}: in {su} but has no facts")
                continue
            su_dynamic = "dynamic" in quals.split(",")
            facts_dynamic = "dynamic" in fn
            ok = True
            if fn["frame"] != frame:
                problems.append(f"{obj}: {name}: frame {fn['frame']}, "
                                f".su says {frame}")
                ok = False
            if su_dynamic != facts_dynamic:
                problems.append(f"{obj}: {name}: facts "
                                f"{'dynamic' if facts_dynamic else 'static'}"
                                f", .su says {quals}")
                ok = False
            matched += ok
    print(f"{matched} of {total} functions match")
    for p in problems:
        print(f"mismatch: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
