"""Reads the .su files clang's -fstack-usage writes, for the scripts and
tests that compare them with the recorded frames (scripts/kernel-frames.py,
tests/lit/crosscheck/Inputs/crosscheck.py).

A line is "FILE:LINE:NAME<TAB>BYTES<TAB>QUALIFIERS"; the name is what
follows the last colon of the first field, without the \\x01 that marks an
asm label.
"""


def read_su(path):
    """[(symbol, bytes, qualifiers)] of one .su file, in file order."""
    rows = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            where, size, quals = line.split("\t")
            name = where.rsplit(":", 1)[1]
            rows.append((name.lstrip("\x01"), int(size), quals))
    return rows
