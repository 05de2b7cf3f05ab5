//===- FindingHandler.h - The recorder's findings into clang's diagnostics ===//
//
// The recorder diagnoses its findings through the LLVMContext
// (passes/RecorderFinding.h). Inside clang, a pass at the start of the IR
// pipeline (when clang's own diagnostic handler is in place, for this
// compile's codegen) wraps that handler: a RecorderFinding goes to the
// sink the clang half's consumer filled, which reports it with clang's
// diagnostics engine at the definition; everything else goes to clang's
// handler as before.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PLUGIN_FINDINGHANDLER_H
#define STACKBUDGET_PLUGIN_FINDINGHANDLER_H

#include "llvm/IR/PassManager.h"

#include <functional>
#include <memory>

namespace stackbudget {

class RecorderFinding;

/// Where a finding goes: set by the consumer once the TU is indexed,
/// cleared with it.
struct FindingSink {
  std::function<void(const RecorderFinding &)> Report;
};

class InstallFindingHandlerPass
    : public llvm::PassInfoMixin<InstallFindingHandlerPass> {
public:
  explicit InstallFindingHandlerPass(std::shared_ptr<FindingSink> Sink)
      : Sink(std::move(Sink)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  std::shared_ptr<FindingSink> Sink;
};

} // namespace stackbudget

#endif // STACKBUDGET_PLUGIN_FINDINGHANDLER_H
