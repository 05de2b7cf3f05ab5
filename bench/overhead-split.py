#!/usr/bin/env python3
"""Where the plugin's instructions go in one with-plugin callgrind run.

  overhead-split.py TU WITHOUT WITH INCLUSIVE.txt

INCLUSIVE.txt is `callgrind_annotate --inclusive=yes --threshold=100` of the
with-plugin run. The plugin copy is stripped of debug info (valgrind 3.19
cannot read clang-22's DWARF 5), so functions are grouped by their symbol:
each part of stackbudget is the inclusive cost of its entry points (the
hooks clang or the pass manager calls), which do not call each other, so the
parts add up; what the plugin costs outside them (clang's own work on the
extra IR the plugin tags, the dynamic linker) is the rest of WITH - WITHOUT.
"""
import re
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S*?):(.*) \[(.*)\]\s*$")


def load(path):
    costs = {}
    for line in open(path, errors="replace"):
        m = LINE.match(line)
        if not m:
            continue
        ir, fn, obj = int(m.group(1).replace(",", "")), m.group(3), m.group(4)
        # 'N marks a recursion level: the outermost carries the inclusive cost.
        if re.search(r"'\d+$", fn):
            continue
        key = (fn, obj)
        costs[key] = max(costs.get(key, 0), ir)
    return costs


def total(costs, pattern, obj=None):
    rx = re.compile(pattern)
    return sum(ir for (fn, o), ir in costs.items()
               if rx.search(fn) and (obj is None or obj in o))


def main():
    tu, without, with_, inclusive = sys.argv[1:5]
    without, with_ = int(without), int(with_)
    c = load(inclusive)
    sb = "stackbudget"
    load_plugin = total(c, r"^dlopen@@")
    ast = total(c, r"^stackbudget::.*::Handle(TranslationUnit|TopLevelDecl|"
                   r"InlineFunctionDefinition|TagDeclDefinition)\(",
                "stackbudget-clang.so")
    ir_facts = total(c, r"^stackbudget::\w+Pass::run\(llvm::Module", sb)
    check = total(c, r"^stackbudget::checkTranslationUnit\(", sb)
    block = total(c, r"^stackbudget::encodeBlock", sb)
    serialize = (block if block else
                 total(c, r"^stackbudget::encodeRecord", sb))
    serialize += total(c, r"^stackbudget::emitFactsGlobal\(", sb)
    recorder = total(c, r"FrameCallRecorder::(runOnMachineFunction|"
                        r"doInitialization|doFinalization)\(", sb)
    # The check and the serialization run inside the recorder's hooks.
    recorder_own = recorder - check - serialize
    overhead = with_ - without
    parts = [
        ("load the plugin (dlopen, constructors)", load_plugin),
        ("AST walk (clang half: ASTConsumers)", ast),
        ("IR facts (clang half's IR passes)", ir_facts),
        ("recorder (frames, calls, IR headers)", recorder_own),
        ("compile-time path check", check),
        ("serialization (encode, emit global)", serialize),
    ]
    rest = overhead - sum(ir for _, ir in parts)
    parts.append(("outside the plugin's functions", rest))
    # The AST walk by consumer: each is a RecursiveASTVisitor of its own.
    consumers = sorted(
        ((re.sub(r"^stackbudget::(\(anonymous namespace\)::)?", "", fn)
          .split("::")[0], ir)
         for (fn, o), ir in c.items()
         if "stackbudget-clang.so" in o and
         re.search(r"^stackbudget::.*Consumer::HandleTranslationUnit\(", fn)),
        key=lambda x: -x[1])
    print(f"{tu}: overhead {overhead:,} instructions "
          f"({100.0 * overhead / without:.2f}% of {without:,})")
    for name, ir in parts:
        share = 100.0 * ir / overhead if overhead else 0.0
        print(f"  {name:<42} {ir:>14,}  {share:6.1f}% of the overhead  "
              f"{100.0 * ir / without:6.3f}% of the compile")
        if name.startswith("AST walk"):
            for cname, cir in consumers:
                print(f"    {cname:<40} {cir:>14,}  "
                      f"{100.0 * cir / without:6.3f}% of the compile")


if __name__ == "__main__":
    main()
