//===- ParallelWork.cpp - Independent items on llvm::parallel's threads ---===//

#include "stackbudget/ParallelWork.h"

#include "llvm/Support/Parallel.h"

#include <atomic>
#include <vector>

using namespace llvm;

namespace stackbudget {

static std::atomic<bool> ParallelWork{false};

void enableParallelWork(bool On) { ParallelWork = On; }

bool parallelWorkEnabled() {
  return ParallelWork && parallel::strategy.compute_thread_count() > 1;
}

void forEachItem(size_t N, function_ref<void(size_t)> Work) {
  if (parallelWorkEnabled() && N > 1) {
    parallelFor(0, N, Work);
    return;
  }
  for (size_t I = 0; I < N; ++I)
    Work(I);
}

Error forEachItemOrError(size_t N, function_ref<Error(size_t)> Work) {
  std::vector<Error> Errors;
  Errors.reserve(N);
  for (size_t I = 0; I < N; ++I) {
    Errors.push_back(Error::success());
    // A slot is assigned below: mark its success as seen.
    (void)bool(Errors.back());
  }
  forEachItem(N, [&](size_t I) { Errors[I] = Work(I); });
  Error First = Error::success();
  for (Error &E : Errors) {
    if (!E)
      continue;
    if (First)
      consumeError(std::move(E));
    else
      First = std::move(E);
  }
  return First;
}

} // namespace stackbudget
