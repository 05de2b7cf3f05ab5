//===- CTypeIdTest.cpp - The C type id equals clang's KCFI id -------------===//

#include "stackbudget/CTypeId.h"

#include "gtest/gtest.h"

using namespace stackbudget;

namespace {

// The expected ids are what clang-22 writes as !kcfi_type for
// `void wf(struct work_struct *)` under -fsanitize=kcfi (-1201667658) and
// under -Xclang -fsanitize-kcfi-hash=FNV-1a (332794799).
TEST(CTypeId, XXHash64OfMangledTypeAsKCFI) {
  EXPECT_EQ(cTypeIdOfMangled("_ZTSFvP11work_structE"), 3093299638u);
}

TEST(CTypeId, FNV1aOfMangledTypeAsKCFI) {
  EXPECT_EQ(cTypeIdOfMangled("_ZTSFvP11work_structE", CTypeHash::FNV1a),
            332794799u);
}

// void (struct rcu_head *), the type IR matching used to merge with it:
// clang-22 -fsanitize=kcfi gives 2127083732.
TEST(CTypeId, DistinctStructPointersGiveDistinctIds) {
  EXPECT_EQ(cTypeIdOfMangled("_ZTSFvP8rcu_headE"), 2127083732u);
  EXPECT_NE(cTypeIdOfMangled("_ZTSFvP8rcu_headE"),
            cTypeIdOfMangled("_ZTSFvP11work_structE"));
}

} // namespace
