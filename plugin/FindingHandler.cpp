//===- FindingHandler.cpp - The recorder's findings into clang's diagnostics ===//

#include "FindingHandler.h"
#include "../passes/ForwardingDiagnosticHandler.h"
#include "../passes/RecorderFinding.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {
namespace {

class FindingHandler : public ForwardingDiagnosticHandler {
public:
  FindingHandler(std::unique_ptr<DiagnosticHandler> Clang,
                 std::shared_ptr<FindingSink> Sink)
      : ForwardingDiagnosticHandler(std::move(Clang)), Sink(std::move(Sink)) {}

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    markErrors(DI);
    if (const auto *F = dyn_cast<RecorderFinding>(&DI))
      if (Sink->Report) {
        Sink->Report(*F);
        return true;
      }
    return Original->handleDiagnostics(DI);
  }

private:
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
