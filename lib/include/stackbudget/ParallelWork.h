//===- ParallelWork.h - Independent items on llvm::parallel's threads -----===//
//
// Reading a whole kernel's facts (its inputs, the TU notes of vmlinux.o),
// walking its entries' paths and writing their reports are many independent
// items. The stackbudget tool runs them on the threads of
// llvm::parallel::strategy (`--threads`), each item into a slot of its own
// that the caller merges in item order, so that the result is the
// sequential loop's, byte for byte. Inside clang and ld.lld (the plugin)
// they stay loops on the calling thread: a compile starts no threads.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PARALLELWORK_H
#define STACKBUDGET_PARALLELWORK_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Parallel.h"

#include <cstddef>

namespace stackbudget {

/// Lets the functions below use threads; off until a tool turns it on.
void enableParallelWork(bool On = true);

/// Whether enableParallelWork() is on and the strategy has more than one
/// thread: work that costs something to split (a copy, a pass of its own)
/// is split only then.
bool parallelWorkEnabled();

/// Sorts \p Items by \p Less, which must be a total order: then the order
/// is the same on any number of threads.
template <typename RangeT, typename LessT>
void sortItems(RangeT &Items, LessT Less) {
  if (parallelWorkEnabled())
    llvm::parallelSort(Items, Less);
  else
    llvm::sort(Items, Less);
}

/// Runs Work(I) for every I below N. Work(I) may only write state of item I.
void forEachItem(size_t N, llvm::function_ref<void(size_t)> Work);

/// The same for work that may fail: returns the error of the lowest I that
/// failed, the one a sequential loop would have stopped at; the others are
/// dropped.
llvm::Error forEachItemOrError(size_t N,
                               llvm::function_ref<llvm::Error(size_t)> Work);

} // namespace stackbudget

#endif // STACKBUDGET_PARALLELWORK_H
