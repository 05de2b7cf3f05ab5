#!/usr/bin/env python3
"""Compares the facts of an LTO kernel's vmlinux.o (recorded by the pass
inside the ld.lld link, i.e. from LTO codegen) with a non-LTO build of the
same config, and checks the LTO frames against the machine code of vmlinux.

  scripts/kernel-lto.py LTO_OUT NONLTO_OUT [--tool stackbudget] [--top N]

Prints:
  lto-facts-section: .stackbudget.facts flags E
  lto-functions: N with facts (non-LTO: M)
  lto-only: A   non-lto-only: B   (inlined away / new clones)
  common: C   same frame: S   larger under LTO: L   smaller under LTO: T
  disasm: K of N LTO frames equal 8*pushes + prologue adjustment in vmlinux
and the N largest frame changes.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util
spec = importlib.util.spec_from_file_location(
    "kcs", os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel-checkstack.py"))
kcs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kcs)


def facts(tool, path):
    doc = json.loads(subprocess.run([tool, "facts", "--json", path], check=True,
                                    capture_output=True, text=True).stdout)
    out = defaultdict(list)
    n = 0
    for obj in doc["objects"]:
        for fn in obj["functions"]:
            out[fn["name"]].append(fn)
            n += 1
    return out, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lto")
    ap.add_argument("nonlto")
    ap.add_argument("--tool", default="stackbudget")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--objdump", default="objdump")
    args = ap.parse_args()
    bin_dir = "/usr/lib/llvm-22/bin"

    sec = subprocess.run([os.path.join(bin_dir, "llvm-readelf"), "-S", "--wide",
                          os.path.join(args.lto, "vmlinux.stackbudget.o")],
                         check=True, capture_output=True, text=True).stdout
    flags = "none"
    for line in sec.splitlines():
        parts = line.split()
        if ".stackbudget.facts" in parts:
            flags = ".stackbudget.facts flags " + parts[-4]
    print(f"lto-facts-section: {flags}")

    lto, n_lto = facts(args.tool, os.path.join(args.lto, "vmlinux.stackbudget.o"))
    non, n_non = facts(args.tool, os.path.join(args.nonlto, "vmlinux.stackbudget.o"))
    print(f"lto-functions: {n_lto} with facts (non-LTO: {n_non})")
    # Names that are unique on both sides can be compared one to one.
    uniq = lambda d: {k: v[0] for k, v in d.items() if len(v) == 1}
    ul, un = uniq(lto), uniq(non)
    lto_only = sorted(set(lto) - set(non))
    non_only = sorted(set(non) - set(lto))
    print(f"lto-only: {len(lto_only)}   non-lto-only: {len(non_only)}")
    common = sorted(set(ul) & set(un))
    same = [n for n in common if ul[n]["frame"] == un[n]["frame"]]
    larger = [n for n in common if ul[n]["frame"] > un[n]["frame"]]
    smaller = [n for n in common if ul[n]["frame"] < un[n]["frame"]]
    print(f"common: {len(common)}   same frame: {len(same)}   larger under LTO: "
          f"{len(larger)}   smaller under LTO: {len(smaller)}")
    calls = lambda f: sum(1 for c in f.get("calls", []))
    changes = sorted(larger + smaller, key=lambda n: -abs(ul[n]["frame"] - un[n]["frame"]))
    for n in changes[:args.top]:
        print(f"  {n}: {un[n]['frame']} -> {ul[n]['frame']} bytes, "
              f"calls {calls(un[n])} -> {calls(ul[n])}")

    # The LTO frames against vmlinux's machine code.
    dis = subprocess.run([args.objdump, "-d", os.path.join(args.lto, "vmlinux")],
                         check=True, capture_output=True, text=True).stdout
    funcs = kcs.parse_objdump(dis)
    by_name = defaultdict(list)
    for (name, _), insns in funcs.items():
        by_name[name].append(kcs.prologue(insns))
    checked = equal = 0
    for name, fl in ul.items():
        if name not in by_name or len(by_name[name]) != 1:
            continue
        pushes, adj = by_name[name][0]
        checked += 1
        if 8 * pushes + adj == fl["frame"]:
            equal += 1
    print(f"disasm: {equal} of {checked} LTO frames equal 8*pushes + prologue "
          f"adjustment in vmlinux")
    return 0


if __name__ == "__main__":
    sys.exit(main())
