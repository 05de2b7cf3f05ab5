#!/usr/bin/env python3
"""The records inside a dumped .note.stackbudget section, and back.

  facts_note.py records SECTION OUT   the descriptors of its stackbudget notes
  facts_note.py note RECORDS OUT      RECORDS as one stackbudget note

Tests that corrupt facts edit the records (docs/facts-format.md) and put
them back in a well-formed note, so that the reader's own errors are what
they see, not the note iterator's.
"""
import struct
import sys

OWNER = b"stackbudget\0"
TYPE = 0x53420001


def records(data):
    out, at = b"", 0
    while at + 12 <= len(data):
        namesz, descsz, typ = struct.unpack_from("<III", data, at)
        name_end = at + 12 + ((namesz + 3) & ~3)
        if data[at + 12:at + 12 + namesz] == OWNER and typ == TYPE:
            out += data[name_end:name_end + descsz]
        at = name_end + ((descsz + 3) & ~3)
    return out


def note(recs):
    desc = recs + b"\0" * (-len(recs) % 4)
    return struct.pack("<III", len(OWNER), len(desc), TYPE) + OWNER + desc


def main():
    mode, src, dst = sys.argv[1:4]
    data = open(src, "rb").read()
    open(dst, "wb").write(records(data) if mode == "records" else note(data))


if __name__ == "__main__":
    main()
