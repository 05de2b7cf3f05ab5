# Prints one line per function record of `stackbudget facts --json`, sorted:
#   NAME frame=BYTES tu=FILE [entry=CLASS] [budget=BYTES]
import json
import sys

doc = json.load(sys.stdin)
lines = []
for obj in doc["objects"]:
    for f in obj["functions"]:
        parts = [f["name"], "frame=%d" % f["frame"], "tu=" + f["tu"]]
        if "entry" in f:
            parts.append("entry=" + f["entry"])
        if "budget" in f:
            parts.append("budget=%d" % f["budget"])
        lines.append(" ".join(parts))
for line in sorted(lines):
    print(line)
