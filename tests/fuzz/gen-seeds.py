#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz harness (tests/fuzz/*-fuzzer.cpp) into
a directory, from files of the repository only, so that a fresh clone has
every seed:

  profile, annotations  annotations/*.yaml and every YAML file of tests/
                        (also the `#--- x.yaml` parts of split-file tests)
  asm                   the inline-asm strings of the C sources of tests/lit
                        and the `.s` parts of its split-file tests
  kernel-log            the stack tracer files and kernel logs of
                        tests/lit/runtime (stack_trace, stack_max_size, dmesg)
  link-args             the ld.lld command lines of tests/lit's RUN lines and
                        the kernel's links through kbuild/stackbudget-ld
                        (tests/fuzz/link-args/*.args), one argument a line
  facts                 objects compiled with the plugin from the C sources
                        of tests/lit, an archive of some, and the records of
                        their .note.stackbudget notes; the first byte of a seed
                        is facts-fuzzer's selector (0: file, 1: payload)
  report                the JSON reports `stackbudget check --json` writes
                        for those objects

and, for every kind, the inputs it once crashed on: tests/fuzz/crashes/KIND-*.

facts and report need the built tools:
  --clang CLANG --plugin stackbudget.so --stackbudget BIN --llvm-bin DIR

Usage: gen-seeds.py KIND OUTDIR [tool options]; prints the number of seeds.
"""
import argparse
import glob
import hashlib
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lit", "Inputs"))
import facts_note  # noqa: E402  (tests/lit/Inputs/facts_note.py)

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MARKER = re.compile(r"^(?:#|//|;)--- (\S+)\s*$")


def split_parts(path):
    """The parts of a split-file test: (name, text) pairs."""
    parts = []
    name, lines = None, []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            m = MARKER.match(line)
            if m:
                if name is not None:
                    parts.append((name, "".join(lines)))
                name, lines = m.group(1), []
            elif name is not None:
                lines.append(line)
    if name is not None:
        parts.append((name, "".join(lines)))
    return parts


def test_files(*exts, under="tests"):
    out = []
    for ext in exts:
        out += glob.glob(os.path.join(SRC, under, "**", "*" + ext), recursive=True)
    return sorted(out)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, outdir):
        self.outdir = outdir
        self.digests = set()
        os.makedirs(outdir, exist_ok=True)

    def add(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if not data:
            return
        d = hashlib.sha1(data).hexdigest()
        if d in self.digests:
            return
        self.digests.add(d)
        with open(os.path.join(self.outdir, d), "wb") as f:
            f.write(data)


def yaml_seeds(c):
    for p in sorted(glob.glob(os.path.join(SRC, "annotations", "*.yaml"))):
        c.add(read(p))
    for p in test_files(".yaml", ".yml"):
        c.add(read(p))
    for p in test_files(".test"):
        for name, text in split_parts(p):
            if name.endswith((".yaml", ".yml")):
                c.add(text)


# An asm statement and the string literals of its template (up to its first
# ':' or ')').
C_STRING = r'"(?:[^"\\\n]|\\.)*"'
ASM_STMT = re.compile(
    r"\b(?:__asm__|__asm|asm)\s*(?:(?:volatile|__volatile__|goto|inline)\s*)*"
    r"\(\s*((?:" + C_STRING + r"\s*)+)")
STRING = re.compile(C_STRING)


def c_unescape(lit):
    body = lit[1:-1]
    return re.sub(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)",
                  lambda m: _esc(m.group(1)), body)


def _esc(e):
    simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'",
              "a": "\a", "b": "\b", "f": "\f", "v": "\v", "?": "?"}
    if e in simple:
        return simple[e]
    if e[0] == "x":
        return chr(int(e[1:], 16) & 0xFF)
    if e[0] in "01234567":
        return chr(int(e, 8) & 0xFF)
    return e


def asm_seeds(c):
    sources = [(p, open(p, encoding="utf-8", errors="surrogateescape").read())
               for p in test_files(".c", ".h", under="tests/lit")]
    for p in test_files(".test", under="tests/lit"):
        for name, text in split_parts(p):
            if name.endswith((".c", ".h")):
                sources.append((name, text))
            elif name.endswith((".s", ".S")):
                c.add(text)
    for _, text in sources:
        for m in ASM_STMT.finditer(text):
            c.add("".join(c_unescape(s) for s in STRING.findall(m.group(1))))


def kernel_log_seeds(c):
    for p in test_files(".test", under="tests/lit/runtime"):
        for name, text in split_parts(p):
            if not name.endswith((".c", ".h", ".s", ".yaml")):
                c.add(text)


SHELL_STOP = {"|", "||", "&&", ";", "2>&1", ">", "<", "2>"}


def link_args_seeds(c):
    subst = {"%ld_lld": "ld.lld", "%plugin": "/build/lib/stackbudget.so",
             "%t": "/tmp/t", "%S": "/src/tests/lit/lto", "%s": "/src/t.test"}
    for p in test_files(".test", ".c", under="tests/lit"):
        for line in open(p, encoding="utf-8", errors="surrogateescape"):
            if "RUN:" not in line or "%ld_lld" not in line:
                continue
            cmd = line.split("RUN:", 1)[1]
            cmd = cmd[cmd.index("%ld_lld"):]
            try:
                words = shlex.split(cmd)
            except ValueError:
                continue
            argv = []
            for w in words:
                if w in SHELL_STOP or w.startswith((">", "2>", "|")):
                    break
                for k, v in subst.items():
                    w = w.replace(k, v)
                argv.append(w)
            c.add("\0".join(argv))
            c.add("\n".join(argv) + "\n")
    for p in sorted(glob.glob(os.path.join(SRC, "tests", "fuzz", "link-args", "*.args"))):
        c.add(read(p))


def c_sources():
    """(name, text) of the C sources of tests/lit that compile on their own."""
    out = []
    for p in test_files(".c", under="tests/lit"):
        out.append((os.path.relpath(p, SRC), read(p)))
    for p in test_files(".test", under="tests/lit"):
        for name, text in split_parts(p):
            if name.endswith(".c"):
                out.append((os.path.relpath(p, SRC) + "/" + name,
                            text.encode("utf-8", "surrogateescape")))
    return out


def compile_objects(args, work):
    """Compiles what it can; returns the object paths."""
    objs = []
    include = os.path.join(SRC, "include")
    for i, (name, text) in enumerate(c_sources()):
        if args.max_objects and len(objs) >= args.max_objects:
            break
        src = os.path.join(work, f"s{i}.c")
        obj = os.path.join(work, f"s{i}.o")
        with open(src, "wb") as f:
            f.write(text)
        r = subprocess.run([args.clang, f"-fplugin={args.plugin}", "-O2",
                            "-target", "x86_64-linux-gnu", "-I", include,
                            "-I", os.path.dirname(os.path.join(SRC, name)),
                            "-w", "-c", src, "-o", obj],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode == 0 and os.path.exists(obj):
            objs.append(obj)
    return objs


def facts_seeds(c, args):
    with tempfile.TemporaryDirectory() as work:
        objs = compile_objects(args, work)
        if not objs:
            sys.exit("gen-seeds.py: no object compiled")
        for obj in objs:
            c.add(b"\0" + read(obj))
            payload = obj + ".facts"
            subprocess.run([os.path.join(args.llvm_bin, "llvm-objcopy"),
                            f"--dump-section=.note.stackbudget={payload}",
                            obj, os.path.join(work, "scratch.o")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.path.exists(payload):
                c.add(b"\1" + facts_note.records(read(payload)))
        ar = os.path.join(work, "lib.a")
        subprocess.run([os.path.join(args.llvm_bin, "llvm-ar"), "rcs", ar] + objs[:4],
                       check=True)
        c.add(b"\0" + read(ar))
        thin = os.path.join(work, "thin.a")
        subprocess.run([os.path.join(args.llvm_bin, "llvm-ar"), "rcs", "--thin", thin]
                       + objs[:2], check=True)
        c.add(b"\0" + read(thin))


def report_seeds(c, args):
    with tempfile.TemporaryDirectory() as work:
        objs = compile_objects(args, work)
        if not objs:
            sys.exit("gen-seeds.py: no object compiled")
        groups = [[o] for o in objs] + [objs]
        for i, g in enumerate(groups):
            out = os.path.join(work, f"r{i}.json")
            subprocess.run([args.stackbudget, "check", f"--json={out}", "--top=2"] + g,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.path.exists(out):
                c.add(read(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["profile", "annotations", "asm", "kernel-log",
                                     "link-args", "facts", "report"])
    ap.add_argument("outdir")
    ap.add_argument("--clang")
    ap.add_argument("--plugin")
    ap.add_argument("--stackbudget")
    ap.add_argument("--llvm-bin", default="/usr/lib/llvm-22/bin")
    ap.add_argument("--max-objects", type=int, default=0,
                    help="compile at most this many sources (0: all)")
    args = ap.parse_args()
    c = Corpus(args.outdir)
    if args.kind in ("profile", "annotations"):
        yaml_seeds(c)
    elif args.kind == "asm":
        asm_seeds(c)
    elif args.kind == "kernel-log":
        kernel_log_seeds(c)
    elif args.kind == "link-args":
        link_args_seeds(c)
    else:
        if not args.clang or not args.plugin or (args.kind == "report" and not args.stackbudget):
            ap.error(f"{args.kind} needs --clang, --plugin (and --stackbudget)")
        (facts_seeds if args.kind == "facts" else report_seeds)(c, args)
    # Every input a harness ever crashed on (tests/fuzz/crashes/KIND-what).
    for p in sorted(glob.glob(os.path.join(SRC, "tests", "fuzz", "crashes", args.kind + "-*"))):
        c.add(read(p))
    print(len(c.digests))
    return 0 if c.digests else 1


if __name__ == "__main__":
    sys.exit(main())
