#!/usr/bin/env python3
"""Runs `stackbudget check` on a kernel's vmlinux.o with a profile, under
/usr/bin/time -v, and summarizes the report in lines a test can check:

  scripts/kernel-paths.py OUT --profile annotations/linux-x86_64-6.12.yaml
                          [--tool stackbudget] [--hops N] [--keep DIR]

  graph: F functions, X externals, E edges, I indirect call sites, C cycles
  facts: F functions, S call sites, I indirect   (from `facts --json`)
  entries: N (over budget: O, unknown: U)
  unknowns: K sources; no-facts=.. no-candidates=.. ...
  check: T s wall, M MiB peak
  worst <class>: <entry> B bytes[ +?] on <stack> (budget S)
      <hop> frame F total T
  ...

The indirect call sites are counted from the facts (`stackbudget facts
--json`), independently of the check. The JSON report, the diagnostics and
time's output are kept in --keep (default OUT/stackbudget-check).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--profile", help="profile YAML; without one the check "
                    "uses its default (one 16 KiB task stack, uncalled "
                    "functions as entries)")
    ap.add_argument("--tool", default="stackbudget")
    ap.add_argument("--hops", type=int, default=12)
    ap.add_argument("--keep")
    ap.add_argument("--input", default="vmlinux.o")
    ap.add_argument("--check-arg", action="append", default=[],
                    help="an extra argument for stackbudget check "
                    "(--trust-objects-without-facts, --closed-world)")
    args = ap.parse_args()
    keep = args.keep or os.path.join(args.out, "stackbudget-check")
    os.makedirs(keep, exist_ok=True)
    report = os.path.join(keep, "report.json")
    vmlinux_o = os.path.join(args.out, args.input)

    cmd = ["/usr/bin/time", "-v", "-o", os.path.join(keep, "time.txt"),
           args.tool, "check", *args.check_arg, "--json", report, vmlinux_o]
    if args.profile:
        cmd[6 + len(args.check_arg):6 + len(args.check_arg)] = [
            "--profile", args.profile]
    with open(os.path.join(keep, "diagnostics.txt"), "w") as diag:
        rc = subprocess.call(cmd, stdout=diag, stderr=subprocess.STDOUT)
    if rc not in (0, 2):
        sys.stdout.write(open(os.path.join(keep, "diagnostics.txt")).read()[-4000:])
        print(f"check: failed with status {rc}")
        return 1
    with open(os.path.join(keep, "time.txt")) as f:
        t = f.read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))

    with open(report) as f:
        doc = json.load(f)
    s = doc["summary"]

    facts = json.loads(subprocess.run([args.tool, "facts", "--json", vmlinux_o],
                                      check=True, capture_output=True, text=True).stdout)
    fns = [fn for o in facts["objects"] for fn in o["functions"]]
    indirect = sum(1 for fn in fns for c in fn.get("calls", [])
                   if c.get("kind") == "indirect")
    calls = sum(len(fn.get("calls", [])) for fn in fns)

    print(f"graph: {s['functions']} functions, {s['externals']} externals, "
          f"{s['edges']} edges, {indirect} indirect call sites, {s['cycles']} cycles "
          f"({s['unbounded_cycles']} unbounded)")
    print(f"facts: {len(fns)} functions, {calls} call sites, {indirect} indirect")
    print(f"entries: {s['entries']} (over budget: {s['over_budget']}, "
          f"unknown: {s['unknown_entries']})")
    kinds = collections.Counter(u["kind"] for u in doc.get("unknowns", []))
    print(f"unknowns: {s['unknown_sources']} sources; " +
          " ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    print(f"check: {secs:.1f} s wall, {rss // 1024} MiB peak")

    by_class = collections.defaultdict(list)
    for e in doc.get("entries", []):
        by_class[e.get("class") or "(uncalled)"].append(e)
    for cls in sorted(by_class):
        worst = max(by_class[cls], key=lambda e: (e["bytes"], e["function"]))
        unk = " +?" if worst.get("unknown") else ""
        print(f"worst {cls}: {worst['function']} {worst['bytes']} bytes{unk} on "
              f"{worst['stack']} (budget {worst['budget']}); "
              f"{len(by_class[cls])} entries")
        paths = worst.get("paths", [])
        if paths:
            for h in paths[0]["hops"][:args.hops]:
                mark = " +?" if h.get("frame_unknown") else ""
                print(f"    {h['function']} frame {h['frame']}{mark} total {h['total']}"
                      f" ({h.get('edge', '')})")
            if len(paths[0]["hops"]) > args.hops:
                print(f"    ... {len(paths[0]['hops']) - args.hops} more hops")
    return 0


if __name__ == "__main__":
    sys.exit(main())
