#!/usr/bin/env python3
"""Compares the kernel's own scripts/checkstack.pl (objdump-based) on vmlinux
with the frames stackbudget recorded, and explains every difference from the
machine code.

  scripts/kernel-checkstack.py OUT [--top N] [--tool stackbudget] [--src SRC]

checkstack.pl adds up the immediates of every `sub/add $imm,%rsp` it sees in
a function; it does not count pushes, misses immediates it cannot parse
(`add $0xffffffffffffff80,%rsp` is clang's 2-byte `sub $128`), and it counts
epilogue `add $imm,%rsp` too. A stackbudget frame is the prologue's pushes
(callee-saved registers, %rbp) times 8 plus its stack adjustment, as
-fstack-usage prints it. For the N largest checkstack entries this prints
one row per function with both numbers, the pushes and adjustments read from
the disassembly, and whether
    frame == 8 * pushes + prologue adjustment
    checkstack == sum of the immediates checkstack.pl parses
both hold, then one summary line:
    checkstack top N: K of N explained
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

FUNC = re.compile(r"^([0-9a-f]+) <(.*)>:$")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(\S+)\s*(.*)$")
# checkstack.pl's own x86 pattern (scripts/checkstack.pl).
CS = re.compile(r"^.*[as][du][db]    \$(0x[0-9a-f]{1,8}),%(e|r)sp$")
IMM_RSP = re.compile(r"^\$(0x[0-9a-f]+),%rsp$")


def parse_objdump(text):
    """name -> list of (mnemonic, operands, raw line) per function."""
    funcs = defaultdict(list)
    cur = None
    for line in text.splitlines():
        m = FUNC.match(line)
        if m:
            cur = (m.group(2), m.group(1))
            funcs[cur] = []
            continue
        if cur is None:
            continue
        m = INSN.match(line)
        if m:
            funcs[cur].append((m.group(2), m.group(3).split("#")[0].strip(), line))
    return funcs


def signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


AND_RSP = re.compile(r"^\$(0x[0-9a-f]+),%rsp$")


def prologue(insns):
    """(pushes, adjustment, realignment) of the prologue: pushes, an
    `and $-A,%rsp` (stack realignment to A bytes, 0 when none) and one
    sub/add on %rsp before the first other instruction."""
    pushes, adj, realign = 0, 0, 0
    for mnem, ops, _ in insns:
        if mnem in ("endbr64", "nop", "nopl", "nopw", "xchg"):
            continue
        if mnem == "call" and "__fentry__" in ops:
            continue
        if mnem == "push":
            pushes += 1
            continue
        if mnem == "mov" and ops == "%rsp,%rbp":
            continue
        m = AND_RSP.match(ops)
        if mnem == "and" and m:
            realign = -signed64(int(m.group(1), 16))
            continue
        m = IMM_RSP.match(ops)
        if m and mnem in ("sub", "add"):
            v = signed64(int(m.group(1), 16))
            adj = v if mnem == "sub" else -v
        break
    return pushes, adj, realign


def classify(frame, pushes, adj, realign):
    """How a recorded frame relates to the prologue read from vmlinux."""
    moved = 8 * pushes + adj
    if not realign and moved == frame:
        return "equal"
    if realign and frame <= moved < frame + realign:
        # LLVM: sub = alignTo(StackSize - pushes, A); -fstack-usage prints
        # StackSize, and the `and` drops %rsp by up to A-8 more.
        return "realigned"
    return "other"


def deepest(insns):
    """The most bytes below the return address the machine code ever holds,
    read in address order: pushes, `sub`/`add` on %rsp, an `and $-A,%rsp`
    counted as the A-8 bytes it may drop. There is no control flow graph, so
    a `ret` or `jmp` (the end of a path) goes back to the depth before the
    epilogue that led to it: the next block continues the function body, as
    after an early return, or is the body of a shrink-wrapped function whose
    prologue comes after an early exit."""
    depth, mark, most = 0, 0, 0
    for mnem, ops, _ in insns:
        epilogue = False
        if mnem == "push":
            depth += 8
        elif mnem == "pop":
            depth, epilogue = max(0, depth - 8), True
        elif mnem in ("sub", "add") and IMM_RSP.match(ops):
            v = signed64(int(IMM_RSP.match(ops).group(1), 16))
            if mnem == "add":
                v = -v
            depth, epilogue = max(0, depth + v), v < 0
        elif mnem == "and" and AND_RSP.match(ops):
            depth += -signed64(int(AND_RSP.match(ops).group(1), 16)) - 8
        elif ops.endswith(",%rsp") and mnem in ("mov", "lea"):
            epilogue = True  # %rsp from %rbp: the frame is being left
        elif mnem in ("ret", "jmp") or mnem.startswith("ret"):
            depth = mark
            continue
        most = max(most, depth)
        if not epilogue:
            mark = depth
    return most


def covered(fn, depth):
    """The recorded bound (frame + realign + call_args + asm_stack) is at
    least what the machine code holds at its deepest."""
    return (fn["frame"] + fn.get("realign", 0) + fn.get("call_args", 0) +
            fn.get("asm_stack", 0)) >= depth


def checkstack_sum(insns):
    total = 0
    for _, _, line in insns:
        m = CS.match(line)
        if m:
            size = int(m.group(1), 16)
            if size > 0xf0000000:
                size = -size + (1 << 32)
            if size > 0x10000000:
                continue
            total += size
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--tool", default="stackbudget")
    ap.add_argument("--src", default=os.environ.get("KERNEL_SRC", "/work/kernel/linux-source-6.12"))
    ap.add_argument("--objdump", default="objdump")
    ap.add_argument("--facts-json")
    ap.add_argument("--explained", help="file of 'name reason' lines: "
                    "functions whose bound is known to read short")
    ap.add_argument("--details", help="write every function whose frame is "
                    "not 8*pushes + adjustment here")
    args = ap.parse_args()
    out = os.path.abspath(args.out)

    dis = subprocess.run([args.objdump, "-d", os.path.join(out, "vmlinux")],
                         check=True, capture_output=True, text=True).stdout
    cs = subprocess.run(["perl", os.path.join(args.src, "scripts/checkstack.pl"),
                         "x86_64", "0"], input=dis, check=True,
                        capture_output=True, text=True).stdout
    rows = []
    for line in cs.splitlines():
        m = re.match(r"^(0x[0-9a-f]+) (\S+) \[[^\]]*\]:\s*(\d+)$", line)
        if m:
            rows.append((m.group(2), m.group(1)[2:], int(m.group(3))))
    rows.sort(key=lambda r: -r[2])

    if args.facts_json:
        with open(args.facts_json) as f:
            doc = json.load(f)
    else:
        doc = json.loads(subprocess.run(
            [args.tool, "facts", "--json", os.path.join(out, "vmlinux.o")],
            check=True, capture_output=True, text=True).stdout)
    frames = defaultdict(set)
    records = defaultdict(list)
    for obj in doc["objects"]:
        for fn in obj["functions"]:
            frames[fn["name"]].add(fn["frame"])
            records[fn["name"]].append(fn)

    funcs = parse_objdump(dis)
    by_addr = {addr: insns for (name, addr), insns in funcs.items()}
    explained = 0
    top = rows[:args.top]
    print(f"{'function':40} {'checkstack':>10} {'frame':>6} {'push':>4} "
          f"{'adj':>5} {'epi':>4}  verdict")
    for name, addr, size in top:
        insns = by_addr.get(addr.rjust(16, "0"), [])
        pushes, adj, realign = prologue(insns)
        epilogue_adds = sum(1 for m, _, l in insns if m == "add" and CS.match(l))
        fr = frames.get(name, set())
        kinds = {classify(f, pushes, adj, realign) for f in fr}
        ok_frame = bool(kinds & {"equal", "realigned"})
        ok_cs = checkstack_sum(insns) == size
        verdict = []
        if not fr:
            verdict.append("no facts for this name")
        elif not ok_frame:
            verdict.append(f"frame {sorted(fr)} != 8*{pushes}+{adj}")
        if not ok_cs:
            verdict.append("checkstack sum not reproduced")
        if ok_frame and ok_cs:
            explained += 1
            parts = []
            if pushes:
                parts.append(f"+{8 * pushes} pushes not counted")
            if epilogue_adds:
                parts.append(f"{epilogue_adds} epilogue add(s) counted")
            if "realigned" in kinds:
                parts.append(f"realigned to {realign}: prologue moves %rsp by "
                             f"{8 * pushes + adj}..{8 * pushes + adj + realign - 8}")
            verdict.append("explained" + (": " + ", ".join(parts) if parts else ""))
        print(f"{name[:40]:40} {size:>10} {','.join(map(str, sorted(fr))) or '-':>6} "
              f"{pushes:>4} {adj:>5} {epilogue_adds:>4}  {'; '.join(verdict)}")
    print(f"checkstack top {len(top)}: {explained} of {len(top)} explained")
    # The largest frames by stackbudget, and where checkstack ranks them.
    rank = {name: i for i, (name, _, _) in enumerate(rows)}
    biggest = sorted(((max(v), n) for n, v in frames.items()), reverse=True)[:args.top]
    missing = [n for _, n in biggest if n not in rank]
    print(f"stackbudget top {len(biggest)}: {len(biggest) - len(missing)} listed by checkstack")
    for n in missing:
        insns = next((i for (nm, _), i in funcs.items() if nm == n), [])
        pushes, adj, realign = prologue(insns)
        print(f"  not in checkstack: {n} frame {max(frames[n])}: {pushes} pushes, "
              f"adjustment {adj}, realign {realign}")

    # Every function of vmlinux whose name is unique on both sides: the
    # recorded frame against the prologue in the final machine code.
    names = defaultdict(list)
    for (name, _), insns in funcs.items():
        names[name].append(insns)
    tally = defaultdict(list)
    for name, fr in frames.items():
        if len(fr) != 1 or len(names.get(name, [])) != 1:
            continue
        frame = next(iter(fr))
        p, a, r = prologue(names[name][0])
        tally[classify(frame, p, a, r)].append((name, frame, p, a, r))
    total = sum(len(v) for v in tally.values())
    print(f"disasm: {len(tally['equal'])} of {total} frames equal 8*pushes + "
          f"adjustment at the entry of vmlinux's code")
    print(f"disasm-realigned: {len(tally['realigned'])} (frame below the prologue's "
          f"reservation by the alignment padding; see docs/kernel-results.md)")
    print(f"disasm-other: {len(tally['other'])}")
    # Soundness: the recorded bound against what the machine code holds at
    # its deepest, pushed call arguments included (facts format 2).
    bound = defaultdict(list)
    for name, recs in records.items():
        if len(recs) != 1 or len(names.get(name, [])) != 1:
            continue
        d = deepest(names[name][0])
        r = recs[0]
        bound["covered" if covered(r, d) else "short"].append(
            (name, r["frame"], r.get("realign", 0), r.get("call_args", 0), d,
             r.get("asm_stack", 0)))
    print(f"bound: {len(bound['covered'])} of {len(bound['covered']) + len(bound['short'])} "
          f"recorded bounds (frame + realign + call_args + asm_stack) cover the deepest "
          f"stack the machine code holds")
    print(f"bound-realigned: {sum(1 for b in bound['covered'] if b[2])} "
          f"bound-pushing: {sum(1 for b in bound['covered'] if b[3])} "
          f"bound-asm-pushing: {sum(1 for b in bound['covered'] if b[5])}")
    explained_short = {}
    if args.explained:
        with open(args.explained) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    name, why = line.split(None, 1)
                    explained_short[name] = why.strip()
    unexplained = 0
    for name, fr, re_, ca, d, _ in bound["short"]:
        why = explained_short.get(name)
        unexplained += why is None
        print(f"  short: {name} frame {fr} realign {re_} call_args {ca}: "
              f"deepest {d} ({why or 'UNEXPLAINED'})")
    print(f"bound-unexplained: {unexplained}")
    if args.details:
        with open(args.details, "w") as f:
            for kind in ("realigned", "other"):
                for name, frame, p, a, r in tally[kind]:
                    f.write(f"{kind} {name} frame {frame} pushes {p} adj {a} realign {r}\n")
    return 0 if explained == len(top) else 1


if __name__ == "__main__":
    sys.exit(main())
