# lit configuration for stackbudget's compiler tests.
#
# Substitutions a test can use:
#   %clang          clang of the LLVM major under test (-target-independent)
#   %plugin         the stackbudget plugin .so
#   %clang_sb       %clang with the plugin loaded as a clang plugin
#   %stackbudget    the stackbudget command-line tool
#   %readelf, %objcopy, %objdump, %ar, %ld_lld, %llc
#   %facts_note     tests/lit/Inputs/facts_note.py: a facts note's records and back
#   %python         the Python running lit
#   %kbuild         the kernel wrappers' directory (kbuild/)
#   %S, %s, %t      as usual
# FileCheck, not, split-file, count come from the LLVM 22 tools directory.
#
# One config serves every LLVM major: each build directory's
# lit.site.cfg.py names its major, clang and plugin (scripts/test.sh runs
# build/ for LLVM 22 and build-19/ for LLVM 19). What differs between majors
# is a feature, never a copied test:
#   llvm-19, llvm-22  the major under test
#   mf-pass           the recorder is a MachineFunction pass (LLVM >= 22):
#                     calls as emitted machine code (backend libcalls,
#                     __fentry__, retpoline thunks, tail jumps)
#   ir-recorder       the recorder reads calls from IR and frames from the
#                     backend's stack-size diagnostic (LLVM 19,
#                     docs/llvm19.md)
import os
import lit.formats

config.name = f"stackbudget-llvm{config.llvm_major}"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test", ".ll", ".yaml"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.stackbudget_obj_root

tools = config.llvm_tools_dir
lit_tools = "/usr/lib/llvm-22/bin"  # FileCheck, not, split-file live here
config.environment["PATH"] = os.pathsep.join(
    [config.stackbudget_bin_dir, lit_tools, tools, config.environment.get("PATH", "")])
# A hung compiler or linker must fail its test, not stall the whole run
# (CI has 90 minutes for everything). lit needs psutil for this
# (python3-psutil, installed by scripts/bootstrap.sh).
try:
    import psutil  # noqa: F401
    lit_config.maxIndividualTestTime = 300
except ImportError:
    lit_config.note("python3-psutil is missing: no per-test time limit")
# A test must not pick up options from the developer's environment.
config.environment.pop("STACKBUDGET_OPTIONS", None)

def tool(name):
    return os.path.join(tools, name)

config.substitutions.append(("%clang_sb", f"{tool('clang')} -fplugin={config.stackbudget_plugin}"))
config.substitutions.append(("%clang", tool("clang")))
config.substitutions.append(("%plugin", config.stackbudget_plugin))
config.substitutions.append(("%stackbudget", config.stackbudget_tool))
config.substitutions.append(("%readelf", tool("llvm-readelf")))
config.substitutions.append(("%objcopy", tool("llvm-objcopy")))
config.substitutions.append(("%objdump", tool("llvm-objdump")))
config.substitutions.append(("%ar", tool("llvm-ar")))
config.substitutions.append(("%ld_lld", tool("ld.lld")))
config.substitutions.append(("%llc", tool("llc")))
config.substitutions.append(("%facts_note", "python3 " + os.path.join(
    config.test_source_root, "Inputs", "facts_note.py")))
config.substitutions.append(("%python", "python3"))

config.available_features.add(f"llvm-{config.llvm_major}")
if int(config.llvm_major) >= 22:
    config.available_features.add("mf-pass")
else:
    config.available_features.add("ir-recorder")

# Report consumers (tests/lit/{tidy,sarif,dot,diff}): clang-tidy with the
# stackbudget module, and the validators scripts/bootstrap.sh installs.
import shutil
# Before %clang, which would otherwise match its prefix.
config.substitutions.insert(0, ("%clang_tidy", tool("clang-tidy")))
config.substitutions.append(("%tidy_plugin", os.path.join(
    os.path.dirname(config.stackbudget_plugin), "stackbudget-tidy.so")))
# Both the module and the clang-tidy of this LLVM major that loads it
# (clang-tidy-N is a package of its own; the module builds from the headers
# of libclang-N-dev alone).
if os.path.exists(os.path.join(os.path.dirname(config.stackbudget_plugin),
                               "stackbudget-tidy.so")):
    if os.access(tool("clang-tidy"), os.X_OK):
        config.available_features.add("tidy-module")
    else:
        lit_config.note(f"{tool('clang-tidy')} is missing: tidy tests are "
                        "unsupported")
_repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The kernel wrappers (kbuild/), for the tests of what they do to objects.
config.substitutions.append(("%kbuild", os.path.join(_repo, "kbuild")))
_sarif_pkg = os.path.join(_repo, "tools", "node", "node_modules", "@microsoft",
                          "sarif-multitool-linux")
config.substitutions.append(("%sarif_schema", os.path.join(_sarif_pkg, "sarif-2.1.0.json")))
if os.access(os.path.join(_sarif_pkg, "Sarif.Multitool"), os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif_multitool", os.path.join(_sarif_pkg, "Sarif.Multitool")))
import subprocess
if subprocess.run(["python3", "-c", "import jsonschema"],
                  stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("python-jsonschema")
if shutil.which("dot"):
    config.available_features.add("graphviz")
