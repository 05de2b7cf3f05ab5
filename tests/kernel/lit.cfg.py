# lit configuration for the kernel suite: builds a small real Linux 6.12
# x86-64 kernel (tinyconfig + tests/kernel/ci.config) twice, with and without
# stackbudget, and lets each test check one property of the pair.
#
# A third tree, the runtime kernel (ci.config + runtime.config: the ftrace
# stack tracer, DEBUG_STACK_USAGE, an initramfs), is built with the plugin
# for the tests that boot it under QEMU (scripts/runtime-boot.sh).
#
# A fourth tree is the first one again, built with one job (JOBS=1): the
# determinism test compares the two reports byte for byte.
#
# Two more are an arm64 kernel (tinyconfig + tests/kernel/arm64.config),
# cross-built by clang and ld.lld, with and without the plugin, and a third
# arm64 tree is its runtime kernel (+ tests/kernel/arm64-runtime.config),
# with the plugin, vmlinux and Image, booted under qemu-system-aarch64.
#
# The builds are a fixture made here, before any test runs, so tests can
# run in parallel on finished trees. They are redone when the plugin, the
# tool, the config fragment or the build scripts are newer than the fixture
# (kbuild itself cannot know that a plugin changed).
#
# Substitutions:
#   %kernel_with     output tree built with the plugin and -fstack-usage
#   %kernel_without  the same config, no plugin (also -fstack-usage)
#   %kernel_runtime  the runtime kernel, with the plugin, vmlinux and bzImage
#   %kernel_with_j1  the %kernel_with tree built again with make -j1
#   %kernel_arm64_with, %kernel_arm64_without   the arm64 pair
#   %kernel_arm64_runtime  the arm64 runtime kernel, vmlinux and Image
#   %kernel_src      the kernel source tree
#   %repo            the stackbudget source tree (scripts/, kbuild/)
#   %stackbudget     the stackbudget tool
# Environment: KERNEL_SRC (default: <build>/tests/kernel/linux-source-6.12,
# extracted from /usr/src/linux-source-6.12.tar.xz), JOBS (default: nproc).
import os
import shutil
import subprocess
import time
import lit.formats

config.name = "stackbudget-kernel"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.stackbudget_obj_root

repo = config.stackbudget_source_dir
tools = config.llvm_tools_dir
lit_tools = "/usr/lib/llvm-22/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.stackbudget_bin_dir, lit_tools, tools, os.environ.get("PATH", "")])
config.environment.pop("STACKBUDGET_OPTIONS", None)
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

fixture = os.path.join(config.stackbudget_obj_root, "fixture")
with_dir = os.path.join(fixture, "with")
without_dir = os.path.join(fixture, "without")
runtime_dir = os.path.join(fixture, "runtime")
with_j1_dir = os.path.join(fixture, "with-j1")
arm64_with_dir = os.path.join(fixture, "arm64-with")
arm64_without_dir = os.path.join(fixture, "arm64-without")
arm64_runtime_dir = os.path.join(fixture, "arm64-runtime")
stamp = os.path.join(fixture, "done")
kernel_src = os.environ.get(
    "KERNEL_SRC", os.path.join(config.stackbudget_obj_root, "linux-source-6.12"))
config.environment["KERNEL_SRC"] = kernel_src
config.environment["STACKBUDGET_BUILD"] = config.stackbudget_build_dir

inputs = [config.stackbudget_plugin, config.stackbudget_tool,
          # the clang half, which stackbudget.so opens inside clang
          os.path.join(os.path.dirname(config.stackbudget_plugin),
                       "stackbudget-clang.so"),
          os.path.join(repo, "tests/kernel/ci.config"),
          os.path.join(repo, "tests/kernel/runtime.config"),
          os.path.join(repo, "tests/kernel/arm64.config"),
          os.path.join(repo, "tests/kernel/arm64-runtime.config"),
          os.path.join(repo, "kbuild/stackbudget-objcopy"),
          os.path.join(repo, "scripts/kernel-build.sh"),
          os.path.join(repo, "kbuild/stackbudget-make"),
          os.path.join(repo, "kbuild/stackbudget-ld")]


def fixture_is_fresh():
    if not os.path.exists(stamp):
        return False
    built = os.path.getmtime(stamp)
    return all(os.path.getmtime(p) <= built for p in inputs)


def build(out, extra, jobs=None):
    log = out + ".log"
    cmd = [os.path.join(repo, "scripts/kernel-build.sh"), out,
           "--stack-usage", "--target", "vmlinux modules"] + extra
    env = dict(os.environ, KERNEL_SRC=kernel_src,
               STACKBUDGET_BUILD=config.stackbudget_build_dir)
    if jobs:
        env["JOBS"] = str(jobs)
    lit_config.note(f"kernel fixture: building {out} (log: {log})")
    start = time.time()
    with open(log, "w") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT, env=env)
    if rc != 0:
        with open(log) as f:
            tail = "".join(f.readlines()[-40:])
        lit_config.fatal(f"kernel fixture build failed ({out}):\n{tail}")
    lit_config.note(f"kernel fixture: {out} built in {time.time() - start:.0f} s")


if not fixture_is_fresh():
    shutil.rmtree(fixture, ignore_errors=True)
    os.makedirs(fixture)
    build(with_dir, [])
    build(without_dir, ["--no-plugin"])
    build(runtime_dir, ["--fragment", os.path.join(repo, "tests/kernel/ci.config"),
                        "--fragment", os.path.join(repo, "tests/kernel/runtime.config"),
                        "--target", "vmlinux bzImage"])
    build(with_j1_dir, [], jobs=1)
    build(arm64_with_dir, ["--arch", "arm64"])
    build(arm64_without_dir, ["--arch", "arm64", "--no-plugin"])
    build(arm64_runtime_dir, ["--arch", "arm64",
                              "--fragment", os.path.join(repo, "tests/kernel/arm64.config"),
                              "--fragment", os.path.join(repo, "tests/kernel/arm64-runtime.config"),
                              "--target", "vmlinux Image"])
    with open(stamp, "w") as f:
        f.write("fixture built\n")

config.substitutions.append(("%kernel_with_j1", with_j1_dir))
config.substitutions.append(("%kernel_arm64_runtime", arm64_runtime_dir))
config.substitutions.append(("%kernel_arm64_with", arm64_with_dir))
config.substitutions.append(("%kernel_arm64_without", arm64_without_dir))
config.substitutions.append(("%kernel_with", with_dir))
config.substitutions.append(("%kernel_without", without_dir))
config.substitutions.append(("%kernel_runtime", runtime_dir))
config.substitutions.append(("%kernel_src", kernel_src))
config.substitutions.append(("%repo", repo))
config.substitutions.append(("%stackbudget", config.stackbudget_tool))
