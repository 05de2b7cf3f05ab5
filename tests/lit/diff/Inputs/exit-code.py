"""exit-code.py N CMD...: runs CMD, passes its stdout through, and fails
unless CMD exited with exactly N (lit's `not` accepts any non-zero)."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    print(f"exit-code.py: expected exit status {want}, got {got}", file=sys.stderr)
    sys.exit(1)
