//===- DynamicAllocaBound.h - Bound a function's dynamic stack allocations -===//
//
// A frame with variable-sized objects (alloca, VLAs; `.su` "dynamic") grows
// at run time. Both recorders bound it from the IR: every non-static alloca
// must have a size with a known maximum and must not sit in a loop. Without
// a proof the bound stays empty and the reason says why, so the path walk
// reports the path as unknown instead of counting zero.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_DYNAMICALLOCABOUND_H
#define STACKBUDGET_DYNAMICALLOCABOUND_H

#include "SourcePaths.h"

#include "stackbudget/Facts.h"

#include "llvm/Support/Alignment.h"

namespace llvm {
class Function;
} // namespace llvm

namespace stackbudget {

/// True when \p F has an alloca that the backend lowers as a dynamic stack
/// allocation (not a fixed frame object).
bool hasDynamicAllocas(const llvm::Function &F);

/// Records in \p Facts that \p F allocates dynamically: the most bytes one
/// activation allocates (FrameParts::DynamicBound), each allocation rounded
/// up to \p StackAlign (the stack pointer is realigned after every dynamic
/// allocation), or why there is no bound (naming the allocation's place
/// in \p Files' spelling).
void boundDynamicAllocas(const llvm::Function &F, llvm::Align StackAlign,
                         const SourceFiles &Files, FunctionFacts &Facts);

} // namespace stackbudget

#endif // STACKBUDGET_DYNAMICALLOCABOUND_H
