//===- LLVM19RecorderAction.cpp - Arm the IR-level recorder under -fplugin ===//
//
// Built only against LLVM 19, where the frame recorder cannot be a
// MachineFunction pass (see passes/StackSizeDiagnostics.h). Loaded with
// -fplugin, this action adds the recorder to the end of clang's IR pipeline,
// and tells it whether clang will generate code: with -emit-llvm or -flto
// clang writes IR, which the recorder must leave untouched.
//
// It is a second plugin action, next to the "stackbudget" one in
// ClangPlugin.cpp, so the options (-fplugin-arg-stackbudget-*) keep going
// to that one. Like every clang-facing piece it lives in the clang half,
// stackbudget-clang.so (plugin/ClangCompanion.cpp); the recorder itself is
// in stackbudget.so, so that ld.lld's LTO link can run it too.
//
//===----------------------------------------------------------------------===//

#include "../passes/StackSizeDiagnostics.h"
#include "BeforeMainAction.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Passes/PassBuilder.h"

using namespace clang;
using namespace llvm;

namespace stackbudget {
namespace {

class LLVM19RecorderAction : public BeforeMainAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    frontend::ActionKind Action = CI.getFrontendOpts().ProgramAction;
    const CodeGenOptions &CG = CI.getCodeGenOpts();
    bool Codegen =
        (Action == frontend::EmitObj || Action == frontend::EmitAssembly) &&
        !CG.PrepareForLTO && !CG.PrepareForThinLTO;
    setCodegenFollows(Codegen ? CodegenFollows::Yes : CodegenFollows::No);
    if (Codegen)
      CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
          [](PassBuilder &PB) { registerLLVM19Recorder(PB); });
    return std::make_unique<ASTConsumer>();
  }
};

} // namespace
} // namespace stackbudget

static FrontendPluginRegistry::Add<stackbudget::LLVM19RecorderAction>
    RegisterLLVM19Recorder("stackbudget-llvm19-recorder",
                           "stackbudget: frame recorder for LLVM 19");
