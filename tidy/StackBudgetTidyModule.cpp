//===- StackBudgetTidyModule.cpp - The stackbudget clang-tidy module ------===//
//
// clang-tidy -load=lib/stackbudget-tidy.so -checks='-*,stackbudget-*' FILE
// (docs/editors.md). Registered in clang-tidy's module registry when the
// .so is loaded.
//
//===----------------------------------------------------------------------===//

#include "FrameCheck.h"
#include "PathCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22
// Before LLVM 22 the registry had its own header (now deprecated).
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::stackbudget_tidy {

class StackBudgetModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<FrameCheck>("stackbudget-frame");
    Factories.registerCheck<PathCheck>("stackbudget-path");
  }
};

} // namespace clang::tidy::stackbudget_tidy

namespace clang::tidy {
// Registered from the .so's static constructor; visible so the registry
// entry is not dropped.
static ClangTidyModuleRegistry::Add<stackbudget_tidy::StackBudgetModule>
    X("stackbudget-module",
      "Stack frames and stack paths from the stackbudget report.");
} // namespace clang::tidy
