# Prints one line per function record of `stackbudget facts --json`, sorted:
#   NAME [entry=CLASS] [budget=BYTES]
# so that tests can check the source-attribute fields with CHECK-NEXT.
import json
import sys

doc = json.load(sys.stdin)
lines = []
for obj in doc["objects"]:
    for f in obj["functions"]:
        parts = [f["name"]]
        if "entry" in f:
            parts.append("entry=" + f["entry"])
        if "budget" in f:
            parts.append("budget=" + str(f["budget"]))
        lines.append(" ".join(parts))
for line in sorted(lines):
    print(line)
