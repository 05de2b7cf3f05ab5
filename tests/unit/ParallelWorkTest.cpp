//===- ParallelWorkTest.cpp -----------------------------------------------===//
//
// forEachItemOrError() runs every item and returns the error a sequential
// loop would have stopped at: the lowest failing item's.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/ParallelWork.h"

#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"

#include "gtest/gtest.h"

#include <vector>

using namespace stackbudget;
using namespace llvm;

TEST(ParallelWork, EveryItemRunsIntoItsSlot) {
  enableParallelWork();
  parallel::strategy = hardware_concurrency(4);
  std::vector<size_t> Slots(5000);
  Error E = forEachItemOrError(Slots.size(), [&](size_t I) {
    Slots[I] = I * I;
    return Error::success();
  });
  parallel::strategy = hardware_concurrency();
  enableParallelWork(false);
  EXPECT_FALSE(static_cast<bool>(E));
  for (size_t I = 0; I < Slots.size(); ++I)
    ASSERT_EQ(Slots[I], I * I);
}

TEST(ParallelWork, TheLowestFailingItemsErrorIsReturned) {
  enableParallelWork();
  parallel::strategy = hardware_concurrency(4);
  Error E = forEachItemOrError(1000, [](size_t I) -> Error {
    if (I % 300 == 299)
      return createStringError(inconvertibleErrorCode(),
                               "item " + std::to_string(I));
    return Error::success();
  });
  parallel::strategy = hardware_concurrency();
  enableParallelWork(false);
  EXPECT_EQ(toString(std::move(E)), "item 299");
}

TEST(ParallelWork, NoItemsIsSuccess) {
  EXPECT_FALSE(static_cast<bool>(
      forEachItemOrError(0, [](size_t) { return Error::success(); })));
}
