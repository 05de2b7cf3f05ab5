//===- ClangCompanion.cpp - Load the clang half only into clang -----------===//
//
// stackbudget.so is loaded into clang (-fplugin, -fpass-plugin) and into
// ld.lld (--load-pass-plugin). Its clang half (the plugin action, the
// stack_entry/stack_budget attributes) refers to clang's own symbols, some
// through data relocations (vtables, the plugin registries) that the dynamic
// loader must resolve when the .so is opened; ld.lld has no clang in it, so a
// single .so with that half fails to load there ("undefined symbol:
// clang::ASTFrontendAction::ExecuteAction").
//
// So the clang half is a second module, stackbudget-clang.so, next to this
// one. When stackbudget.so is opened in a process that has clang's libraries,
// this constructor opens the companion; its static registrations then reach
// clang's registries before clang looks for plugins (clang reads them after
// loading every -fplugin library). The companion is linked to this .so
// (its DT_NEEDED, found through its $ORIGIN run path), so the loader binds
// its calls of this .so's exports (the options, the finding kind) to the
// copy already loaded, as for any library.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>

namespace {

/// A function that clang's front-end library always defines (the key
/// function of PluginASTAction): present exactly when clang is the host.
constexpr const char *ClangMarkerSymbol = "_ZN5clang15PluginASTAction6anchorEv";

constexpr const char *CompanionName = "stackbudget-clang.so";

// After VersionCheck.cpp's constructor (101), which refuses a foreign LLVM.
__attribute__((constructor(102))) void loadClangCompanion() {
  if (!dlsym(RTLD_DEFAULT, ClangMarkerSymbol))
    return; // ld.lld, opt, llc: no clang, nothing to add.

  Dl_info Self;
  if (!dladdr(reinterpret_cast<void *>(&loadClangCompanion), &Self) ||
      !Self.dli_fname)
    llvm::report_fatal_error("stackbudget: cannot find the path of "
                             "stackbudget.so to load " +
                                 llvm::Twine(CompanionName),
                             /*gen_crash_diag=*/false);
  llvm::SmallString<256> Path(llvm::sys::path::parent_path(Self.dli_fname));
  llvm::sys::path::append(Path, CompanionName);
  if (!dlopen(Path.c_str(), RTLD_LAZY | RTLD_LOCAL))
    llvm::report_fatal_error("stackbudget: cannot load the clang half of the "
                             "plugin: " +
                                 llvm::Twine(dlerror()),
                             /*gen_crash_diag=*/false);
}

} // namespace
