//===- VersionCheck.cpp - Refuse to run inside the wrong LLVM major -------===//
//
// The plugin binds to the LLVM of the process that loads it (clang, ld.lld),
// and LLVM's C++ API changes with every major: a plugin built for LLVM 22
// inside clang-19 would fail on a missing symbol at some random first use,
// or worse, run with mismatched class layouts. This runs before any other
// initializer of the .so and stops the process with a message that says
// what to load instead.
//
// What the dynamic loader does first is documented in docs/llvm19.md: when
// the .so needs a data symbol the host lacks, dlopen fails before this runs
// and clang reports "unable to load plugin ... undefined symbol".
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace {

/// LLVMGetVersion is the C API's (stable since LLVM 16) way to ask the host
/// library for its version; looked up, not linked, so that the .so keeps
/// binding to whatever LLVM loaded it.
using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);

__attribute__((constructor(101))) void refuseForeignLLVM() {
  auto Get =
      reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!Get)
    return; // A host that does not export the C API: nothing to compare.
  unsigned Major = 0, Minor = 0, Patch = 0;
  Get(&Major, &Minor, &Patch);
  if (Major == LLVM_VERSION_MAJOR)
    return;
  std::fprintf(stderr,
               "error: stackbudget.so was built for LLVM %d but is loaded "
               "into LLVM %u.%u.%u; use the stackbudget.so built for LLVM %u "
               "(scripts/bootstrap.sh builds one per LLVM major, see "
               "docs/llvm19.md)\n",
               LLVM_VERSION_MAJOR, Major, Minor, Patch, Major);
  // Returning would let the host call into a plugin built for another
  // LLVM's class layouts; there is no way to make dlopen fail from here.
  std::_Exit(1);
}

} // namespace
