#!/usr/bin/env python3
"""Checks every frame stackbudget recorded in a kernel's vmlinux.o against
the compiler's own -fstack-usage output (.su files next to the objects).

  scripts/kernel-frames.py OUT [--tool stackbudget] [--details FILE]

OUT is a kernel output directory (O=) built with KCFLAGS=-fstack-usage and
the plugin. Functions are joined by (translation unit, symbol): the facts
carry the TU's source file name, a .su file sits next to its object.

Prints one line per fact that a test can check, e.g.
  frames: 8123 of 8123 match .su
  su-only: 0
  facts-only: 0
  tu-without-su: 0
  asm-functions-without-facts: 41
and, with --details, every mismatch and every function on one side only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

from stackusage import read_su


def tu_key(path, out, src):
    """The TU's path relative to the source or output tree, no extension."""
    p = os.path.normpath(path)
    for root in (src, out):
        if root and os.path.isabs(p) and p.startswith(root + os.sep):
            p = os.path.relpath(p, root)
            break
    while p.startswith("../"):
        # out-of-tree builds name sources as ../<srctree>/dir/file.c
        p = p.split("/", 2)[2] if p.count("/") >= 2 else p
    return os.path.splitext(p)[0]


def prefixed_objects(out, src, tool):
    """Maps the .su file of every object that kbuild copied with `objcopy
    --prefix-symbols=P` (arm64's __pi_ early-boot code) to (P, its TU): the
    copy's symbols, and the facts kbuild/stackbudget-objcopy renamed with
    them, are P + the names the compiler wrote in the .su file."""
    found = {}
    for dirpath, _, files in os.walk(out):
        for f in files:
            if not (f.startswith(".") and f.endswith(".o.cmd")):
                continue
            with open(os.path.join(dirpath, f), errors="replace") as cmd:
                line = cmd.readline()
            m = re.search(r"--prefix-symbols[= ](\S+)", line)
            if not m:
                continue
            objs = [t for t in line.split("&&")[0].split() if t.endswith(".o")]
            if len(objs) < 2:
                continue
            src_obj = os.path.join(out, objs[-2])
            su_path = os.path.splitext(src_obj)[0] + ".su"
            res = subprocess.run([tool, "facts", "--json", src_obj],
                                 check=True, capture_output=True, text=True)
            modules = json.loads(res.stdout)["objects"][0]["modules"]
            if os.path.exists(su_path) and modules:
                found[su_path] = (m.group(1), tu_key(modules[0]["tu"], out, src))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--tool", default="stackbudget")
    ap.add_argument("--src", default=os.environ.get("KERNEL_SRC", ""))
    ap.add_argument("--details")
    ap.add_argument("--facts-json", help="reuse a saved `facts --json` output")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    src = os.path.abspath(args.src) if args.src else ""

    if args.facts_json:
        with open(args.facts_json) as f:
            doc = json.load(f)
    else:
        res = subprocess.run([args.tool, "facts", "--json",
                              os.path.join(out, "vmlinux.o")],
                             check=True, capture_output=True, text=True)
        doc = json.loads(res.stdout)

    facts = {}            # (tu, name) -> function
    tus = set()
    without = []
    for obj in doc["objects"]:
        for m in obj.get("modules", []):
            tus.add(tu_key(m["tu"], out, src))
        for fn in obj["functions"]:
            key = (tu_key(fn["tu"], out, src), fn["name"])
            if key in facts:
                print(f"error: two facts for {key}", file=sys.stderr)
            facts[key] = fn
        without.extend(obj.get("functions_without_facts", []))

    su = {}
    tu_without_su = []   # TUs with functions in the facts but no .su file
    tus_with_functions = {tu for tu, _ in facts}
    prefixed = prefixed_objects(out, src, args.tool)
    for tu in sorted(tus):
        path = os.path.join(out, tu + ".su")
        if path in prefixed:
            continue
        if not os.path.exists(path):
            if tu in tus_with_functions:
                tu_without_su.append(tu)
            continue
        for name, size, qual in read_su(path):
            su[(tu, name)] = (size, qual)
    for path, (prefix, tu) in sorted(prefixed.items()):
        for name, size, qual in read_su(path):
            su[(tu, prefix + name)] = (size, qual)

    match, mismatch = [], []
    for key, (size, qual) in su.items():
        fn = facts.get(key)
        if fn is None:
            continue
        dyn_su = qual.startswith("dynamic")
        dyn_facts = "dynamic" in fn
        if fn["frame"] == size and dyn_su == dyn_facts:
            match.append(key)
        else:
            mismatch.append((key, size, qual, fn["frame"], dyn_facts))
    su_only = sorted(k for k in su if k not in facts)
    facts_only = sorted(k for k in facts if k not in su)

    print(f"frames: {len(match)} of {len(su)} match .su")
    print(f"mismatches: {len(mismatch)}")
    print(f"su-only: {len(su_only)}")
    print(f"facts-only: {len(facts_only)}")
    print(f"tu-with-facts: {len(tus)} ({len(tus_with_functions)} with functions)")
    print(f"tu-without-su: {len(tu_without_su)}")
    print(f"asm-functions-without-facts: {len(without)}")
    if args.details:
        with open(args.details, "w") as f:
            for (tu, name), size, qual, frame, dyn in mismatch:
                f.write(f"mismatch {tu}:{name} su={size} {qual} facts={frame}"
                        f"{' dynamic' if dyn else ''}\n")
            for tu, name in su_only:
                f.write(f"su-only {tu}:{name} {su[(tu, name)][0]}\n")
            for tu, name in facts_only:
                f.write(f"facts-only {tu}:{name} {facts[(tu, name)]['frame']}\n")
            for tu in tu_without_su:
                f.write(f"tu-without-su {tu}\n")
            for w in without:
                f.write(f"without-facts {json.dumps(w)}\n")
    return 0 if not (mismatch or su_only or facts_only or tu_without_su) else 1


if __name__ == "__main__":
    sys.exit(main())
