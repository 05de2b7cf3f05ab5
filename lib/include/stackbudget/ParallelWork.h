//===- ParallelWork.h - Independent items on llvm::parallel's threads -----===//
//
// Reading a whole kernel's facts, its inputs and the TU blocks of vmlinux.o,
// and writing the report's entries are many independent items. They run on
// the threads of llvm::parallel::strategy (`stackbudget check --threads`),
// each item into a slot of its own that the caller merges in item order,
// so that the result is the sequential loop's, byte for byte.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PARALLELWORK_H
#define STACKBUDGET_PARALLELWORK_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstddef>

namespace stackbudget {

/// Runs Work(I) for every I below N and returns the error of the lowest I
/// that failed, the one a sequential loop would have stopped at; the
/// others are dropped. Work(I) may only write state of item I.
llvm::Error parallelForEachItem(size_t N,
                                llvm::function_ref<llvm::Error(size_t)> Work);

} // namespace stackbudget

#endif // STACKBUDGET_PARALLELWORK_H
