#!/usr/bin/env python3
"""The compiler flags kbuild used for one object, one per line.

  kbuild-flags.py KERNEL_OUT OBJ

Reads KERNEL_OUT/dir/.obj.o.cmd (savedcmd_...) and drops what is not the
kernel's own: the compiler itself, the output (-o), the dependency file
(-Wp,-MMD), the plugin and -fstack-usage that the stackbudget build added to
KCFLAGS, and the objtool command kbuild chains after the compile ("; ...").
The bench adds its own -o and, if it wants, -fplugin.
"""
import os
import shlex
import sys

out, obj = sys.argv[1:3]
cmd_file = os.path.join(out, os.path.dirname(obj), "." + os.path.basename(obj) + ".cmd")
if not os.path.exists(cmd_file):
    sys.exit(f"kbuild-flags.py: no {cmd_file} (build the kernel first)")
line = open(cmd_file).readline()
cmd = shlex.split(line.split(":=", 1)[1])
if ";" in cmd:
    cmd = cmd[:cmd.index(";")]
args, skip = [], False
for a in cmd[1:]:
    if skip:
        skip = False
        continue
    if a == "-o":
        skip = True
        continue
    if a.startswith(("-fplugin", "-Wp,-MMD", "-Wp,-MD")) or a == "-fstack-usage":
        continue
    args.append(a)
print("\n".join(args))
