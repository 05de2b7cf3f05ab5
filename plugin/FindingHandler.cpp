//===- FindingHandler.cpp - The recorder's findings into clang's diagnostics ===//

#include "FindingHandler.h"
#include "../passes/RecorderFinding.h"

#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {
namespace {

class FindingHandler : public DiagnosticHandler {
public:
  FindingHandler(std::unique_ptr<DiagnosticHandler> Clang,
                 std::shared_ptr<FindingSink> Sink)
      : Clang(std::move(Clang)), Sink(std::move(Sink)) {}

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    // LLVMContext::diagnose marks errors on the installed handler; clang
    // reads the mark on the handler it installed.
    if (DI.getSeverity() == DS_Error)
      Clang->HasErrors = true;
    if (const auto *F = dyn_cast<RecorderFinding>(&DI))
      if (Sink->Report) {
        Sink->Report(*F);
        return true;
      }
    return Clang->handleDiagnostics(DI);
  }

  bool isAnalysisRemarkEnabled(StringRef PassName) const override {
    return Clang->isAnalysisRemarkEnabled(PassName);
  }
  bool isMissedOptRemarkEnabled(StringRef PassName) const override {
    return Clang->isMissedOptRemarkEnabled(PassName);
  }
  bool isPassedOptRemarkEnabled(StringRef PassName) const override {
    return Clang->isPassedOptRemarkEnabled(PassName);
  }
  bool isAnyRemarkEnabled() const override {
    return Clang->isAnyRemarkEnabled();
  }

private:
  std::unique_ptr<DiagnosticHandler> Clang;
  std::shared_ptr<FindingSink> Sink;
};

} // namespace

PreservedAnalyses InstallFindingHandlerPass::run(Module &M,
                                                 ModuleAnalysisManager &) {
  LLVMContext &Ctx = M.getContext();
  Ctx.setDiagnosticHandler(
      std::make_unique<FindingHandler>(Ctx.getDiagnosticHandler(), Sink));
  return PreservedAnalyses::all();
}

} // namespace stackbudget
