#!/usr/bin/env python3
"""Compares the facts recorded by the pass inside an LTO link (ld.lld
--load-pass-plugin: frames of LTO codegen, after cross-TU inlining) with the
facts of the same code compiled without LTO, and checks the LTO frames
against the machine code of the LTO output.

  scripts/kernel-lto.py --lto LTO_OBJ --nonlto OBJ... --disasm FILE
                        [--tool stackbudget] [--top N]

  whole kernel:  --lto ci-lt/vmlinux.o --nonlto ci-sb/vmlinux.o
                 --disasm ci-lt/vmlinux
  part of it:    --lto part.o (ld.lld -r of bitcode objects) --nonlto the same
                 objects of a non-LTO build --disasm part.o

Functions are joined by (translation unit, symbol). Prints:
  lto-facts-section: .note.stackbudget flags E
  lto-functions: N with facts (non-LTO: M)
  lto-only: A   non-lto-only: B   (inlined away, or new clones/promotions)
  common: C   same frame: S   larger under LTO: L   smaller under LTO: T
  disasm: K of N LTO frames equal 8*pushes + adjustment at the entry (R realigned)
and the N largest frame changes.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("kcs", os.path.join(here, "kernel-checkstack.py"))
kcs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kcs)


def facts(tool, paths):
    doc = json.loads(subprocess.run([tool, "facts", "--json"] + paths, check=True,
                                    capture_output=True, text=True).stdout)
    out = {}
    for obj in doc["objects"]:
        for fn in obj["functions"]:
            out[(fn["tu"], fn["name"])] = fn
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lto", required=True)
    ap.add_argument("--nonlto", nargs="+", required=True)
    ap.add_argument("--disasm", required=True)
    ap.add_argument("--tool", default="stackbudget")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--objdump", default="objdump")
    args = ap.parse_args()

    sec = subprocess.run(["/usr/lib/llvm-22/bin/llvm-readelf", "-S", "--wide", args.lto],
                         check=True, capture_output=True, text=True).stdout
    flags = "none"
    for line in sec.splitlines():
        parts = line.split()
        if ".note.stackbudget" in parts:
            flags = ".note.stackbudget flags " + parts[-4]
    print(f"lto-facts-section: {flags}")

    lto = facts(args.tool, [args.lto])
    non = facts(args.tool, args.nonlto)
    print(f"lto-functions: {len(lto)} with facts (non-LTO: {len(non)})")
    lto_only = sorted(set(lto) - set(non))
    non_only = sorted(set(non) - set(lto))
    print(f"lto-only: {len(lto_only)}   non-lto-only: {len(non_only)}")
    common = sorted(set(lto) & set(non))
    same = [k for k in common if lto[k]["frame"] == non[k]["frame"]]
    larger = [k for k in common if lto[k]["frame"] > non[k]["frame"]]
    smaller = [k for k in common if lto[k]["frame"] < non[k]["frame"]]
    print(f"common: {len(common)}   same frame: {len(same)}   larger under LTO: "
          f"{len(larger)}   smaller under LTO: {len(smaller)}")
    ncalls = lambda f: len(f.get("calls", []))
    for k in sorted(larger + smaller, key=lambda k: -abs(lto[k]["frame"] - non[k]["frame"]))[:args.top]:
        print(f"  {k[1]} ({os.path.basename(k[0])}): frame {non[k]['frame']} -> "
              f"{lto[k]['frame']}, calls {ncalls(non[k])} -> {ncalls(lto[k])}")
    for k in lto_only[:5]:
        print(f"  lto-only: {k[1]} ({os.path.basename(k[0])}) frame {lto[k]['frame']}")

    dis = subprocess.run([args.objdump, "-d", args.disasm], check=True,
                         capture_output=True, text=True).stdout
    by_name = defaultdict(list)
    for (name, _), insns in kcs.parse_objdump(dis).items():
        by_name[name].append(insns)
    per_name = defaultdict(list)
    for (_, name), fn in lto.items():
        per_name[name].append(fn)
    tally = defaultdict(int)
    for name, fns in per_name.items():
        if len(fns) != 1 or len(by_name.get(name, [])) != 1:
            continue
        p, a, r = kcs.prologue(by_name[name][0])
        tally[kcs.classify(fns[0]["frame"], p, a, r)] += 1
    total = sum(tally.values())
    print(f"disasm: {tally['equal']} of {total} LTO frames equal 8*pushes + adjustment "
          f"at the entry ({tally['realigned']} realigned, {tally['other']} prologue "
          f"not at the entry)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
