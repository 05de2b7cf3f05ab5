//===- ParallelWork.cpp - Independent items on llvm::parallel's threads ---===//

#include "stackbudget/ParallelWork.h"

#include "llvm/Support/Parallel.h"

#include <vector>

using namespace llvm;

namespace stackbudget {

Error parallelForEachItem(size_t N, function_ref<Error(size_t)> Work) {
  std::vector<Error> Errors;
  Errors.reserve(N);
  for (size_t I = 0; I < N; ++I) {
    Errors.push_back(Error::success());
    // A slot is assigned below: mark its success as seen.
    (void)bool(Errors.back());
  }
  parallelFor(0, N, [&](size_t I) { Errors[I] = Work(I); });
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
