# lit configuration for the libFuzzer harnesses (tests/fuzz/*-fuzzer.cpp,
# build-fuzz/, docs/robustness.md). One test per harness: the harness
# replays its seed corpus (-runs=0: every seed once), then fuzzes for a few
# seconds from those seeds, so a reader change that crashes, leaks or trips
# a sanitizer fails CI. The seeds come from the repository
# (tests/fuzz/gen-seeds.py); objects and reports are made by the test with
# the tools of the same build directory.
#
# Substitutions:
#   %fuzz        directory of the *-fuzzer binaries
#   %gen_seeds   tests/fuzz/gen-seeds.py
#   %seed_tools  gen-seeds.py's options naming clang, the plugin, the tool
#   %fresh       libFuzzer options of the short fresh run
import os
import lit.formats

config.name = "stackbudget-fuzz"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.excludes = ["link-args", "crashes", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.stackbudget_obj_root

tools = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [tools, "/usr/lib/llvm-22/bin", config.environment.get("PATH", "")])
config.environment.pop("STACKBUDGET_OPTIONS", None)
# A fresh run stops after max_total_time; a hung input is a failure.
try:
    import psutil  # noqa: F401
    lit_config.maxIndividualTestTime = 300
except ImportError:
    lit_config.note("python3-psutil is missing: no per-test time limit")

src = config.stackbudget_source_dir
config.substitutions.append(("%fuzz", config.fuzz_bin_dir))
config.substitutions.append(
    ("%gen_seeds", "python3 " + os.path.join(src, "tests", "fuzz", "gen-seeds.py")))
config.substitutions.append(
    ("%seed_tools", f"--clang {os.path.join(tools, 'clang')} "
                    f"--plugin {config.stackbudget_plugin} "
                    f"--stackbudget {config.stackbudget_tool} --llvm-bin {tools}"))
# -timeout: one input taking 10 s is a hang. -max_total_time: the fresh run's
# seconds (CI runs seven harnesses). -artifact_prefix: a crashing input is
# kept in the test's output directory, named in the failure.
config.substitutions.append(
    ("%fresh", "-max_total_time=5 -timeout=10 -print_final_stats=1"))
config.substitutions.append(("%src", src))
