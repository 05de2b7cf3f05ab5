//===- FrameLimitReport.h - The recorder's frame-limit finding ------------===//
//
// frame-limit=N (docs/options.md) makes the recorder report every function
// whose frame, with its dynamic bound, is over N bytes. Both recorders (the
// MachineFunction pass of LLVM 22, the diagnostic handler of LLVM 19) call
// reportFrameLimit() once a function's facts are final; it reports through
// the clang half's diagnostics engine when the plugin runs inside clang
// (RecorderHooks.h), else through the recorder's own way of diagnosing.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FRAMELIMITREPORT_H
#define STACKBUDGET_FRAMELIMITREPORT_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/DiagnosticInfo.h"

namespace stackbudget {

/// Reports \p Facts's frame if it is over the recorder's frame limit.
/// \p IRName is the function's IR name (it differs from the symbol for
/// clones); \p Fallback diagnoses the message ("stack frame of 'f' is N
/// bytes, over the L-byte frame budget [stackbudget-frame]") where no clang
/// half is there to place it at the definition.
void reportFrameLimit(
    const FunctionFacts &Facts, llvm::StringRef IRName,
    llvm::function_ref<void(const std::string &Msg,
                            llvm::DiagnosticSeverity Severity)>
        Fallback);

} // namespace stackbudget

#endif // STACKBUDGET_FRAMELIMITREPORT_H
