#include "tinyperf/core/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

namespace tinyperf {
namespace {

// The C++ standard fixes mt19937_64's output: the 10,000th value from the default seed (5489) is
// 9981545732273789042 ([rand.predef]). uniform01 keeps its top 53 bits.
TEST(SeededRng, Uniform01IsTheStandardEnginesTop53Bits) {
  SeededRng rng(5489);
  for (int i = 0; i < 9999; ++i) rng.uniform01();
  EXPECT_EQ(rng.uniform01(), static_cast<double>(9981545732273789042ULL >> 11) * 0x1.0p-53);
}

TEST(SeededRng, UniformBelowStaysInRangeAndRejectsTheBiasedTail) {
  SeededRng rng(7);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 3000; ++i) ++counts[rng.uniform_below(3)];
  for (const int c : counts) EXPECT_NEAR(c, 1000, 150);
  EXPECT_EQ(rng.uniform_below(1), 0u);
}

TEST(SeededRng, StandardNormalHasUnitSpread) {
  SeededRng rng(11);
  double sum = 0, squares = 0;
  constexpr int kN = 20'000;
  for (int i = 0; i < kN; ++i) {
    const double z = rng.standard_normal();
    sum += z;
    squares += z * z;
  }
  EXPECT_NEAR(sum / kN, 0.0, 0.03);
  EXPECT_NEAR(squares / kN, 1.0, 0.05);
}

TEST(SeededRng, ShuffleIsAFisherYatesPermutationFixedByTheSeed) {
  std::vector<int> items(10);
  std::iota(items.begin(), items.end(), 0);
  SeededRng(3).shuffle(items);
  std::vector<int> want(10);
  std::iota(want.begin(), want.end(), 0);
  SeededRng reference(3);
  for (std::size_t i = want.size(); i > 1; --i)
    std::swap(want[i - 1], want[reference.uniform_below(i)]);
  EXPECT_EQ(items, want);
  std::sort(items.begin(), items.end());
  EXPECT_EQ(items, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

}  // namespace
}  // namespace tinyperf
