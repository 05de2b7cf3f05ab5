//===- ForwardingDiagnosticHandler.h - A handler in front of another ------===//
//
// The plugin puts diagnostic handlers in front of the one the host installed
// (clang's, lld's): the LLVM 19 recorder to read the backend's stack-size
// diagnostics (StackSizeDiagnostics.cpp), the clang half to report the
// recorder's findings (plugin/FindingHandler.h). Each handles what is its
// own and hands the rest, and every question about remarks, to the
// handler it wraps.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FORWARDINGDIAGNOSTICHANDLER_H
#define STACKBUDGET_FORWARDINGDIAGNOSTICHANDLER_H

#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"

#include <memory>

namespace stackbudget {

class ForwardingDiagnosticHandler : public llvm::DiagnosticHandler {
public:
  explicit ForwardingDiagnosticHandler(
      std::unique_ptr<llvm::DiagnosticHandler> Original)
      : Original(std::move(Original)) {}

  bool isAnalysisRemarkEnabled(llvm::StringRef PassName) const override {
    return Original->isAnalysisRemarkEnabled(PassName);
  }
  bool isMissedOptRemarkEnabled(llvm::StringRef PassName) const override {
    return Original->isMissedOptRemarkEnabled(PassName);
  }
  bool isPassedOptRemarkEnabled(llvm::StringRef PassName) const override {
    return Original->isPassedOptRemarkEnabled(PassName);
  }
  bool isAnyRemarkEnabled() const override {
    return Original->isAnyRemarkEnabled();
  }

protected:
  /// LLVMContext::diagnose marks errors on the installed handler; the host
  /// reads the mark on the handler it installed.
  void markErrors(const llvm::DiagnosticInfo &DI) {
    if (DI.getSeverity() == llvm::DS_Error)
      Original->HasErrors = true;
  }

  std::unique_ptr<llvm::DiagnosticHandler> Original;
};

} // namespace stackbudget

#endif // STACKBUDGET_FORWARDINGDIAGNOSTICHANDLER_H
