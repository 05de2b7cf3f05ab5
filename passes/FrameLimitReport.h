//===- FrameLimitReport.h - The recorder's frame-limit finding ------------===//
//
// frame-limit=N (docs/options.md) makes the recorder report every function
// whose frame, with its dynamic bound, is over N bytes. Both recorders (the
// MachineFunction pass of LLVM 22, the diagnostic handler of LLVM 19) call
// reportFrameLimit() once a function's facts are final; it diagnoses a
// RecorderFinding, which the clang half turns into a clang diagnostic at the
// definition and any other host prints (RecorderFinding.h).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FRAMELIMITREPORT_H
#define STACKBUDGET_FRAMELIMITREPORT_H

#include "stackbudget/Facts.h"

namespace llvm {
class Function;
} // namespace llvm

namespace stackbudget {

/// Diagnoses \p F (whose record is \p Facts) when its frame is over the
/// recorder's frame limit, as a RecorderFinding (RecorderFinding.h).
void reportFrameLimit(const FunctionFacts &Facts, const llvm::Function &F);

} // namespace stackbudget

#endif // STACKBUDGET_FRAMELIMITREPORT_H
