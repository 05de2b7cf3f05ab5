//===- BeforeMainAction.h - Base of the clang half's fact-gathering actions ===//
//
// The clang half's actions (C types, struct fields, the LLVM 19 recorder)
// each run before clang's own action, so that codegen still happens, and
// take no plugin arguments (options come from the environment,
// passes/RecorderOptions.h). Those that tag the IR with what the AST
// showed do it from a pass at the start of this compile's IR pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PLUGIN_BEFOREMAINACTION_H
#define STACKBUDGET_PLUGIN_BEFOREMAINACTION_H

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "llvm/Passes/PassBuilder.h"

#include <string>
#include <utility>
#include <vector>

namespace stackbudget {

class BeforeMainAction : public clang::PluginASTAction {
protected:
  bool ParseArgs(const clang::CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }

  /// Runs the pass \p MakePass() builds at the start of the IR pipeline of
  /// \p CI's compile.
  template <typename PassFactory>
  static void addAtPipelineStart(clang::CompilerInstance &CI,
                                 PassFactory MakePass) {
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
        [MakePass](llvm::PassBuilder &PB) {
          PB.registerPipelineStartEPCallback(
              [MakePass](llvm::ModulePassManager &MPM,
                         llvm::OptimizationLevel) { MPM.addPass(MakePass()); });
        });
  }
};

} // namespace stackbudget

#endif // STACKBUDGET_PLUGIN_BEFOREMAINACTION_H
