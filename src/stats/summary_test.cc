#include "tinyperf/stats/summary.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const std::vector<double> kOneToFive{1, 2, 3, 4, 5};

// 1..n in a scrambled order (7 is coprime with the n used below), so order statistics are k.
std::vector<double> scrambled_ranks(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>((i * 7) % n + 1);
  return v;
}

TEST(Mean, IsTheArithmeticMean) { EXPECT_DOUBLE_EQ(mean(kOneToFive), 3.0); }

TEST(Mean, IsExactForAConstantSample) {
  // A plain sum of seven 0.1s divided by 7 is not 0.1 in binary; x0 + sum(x - x0)/n is.
  const std::vector<double> constant(7, 0.1);
  EXPECT_EQ(mean(constant), 0.1);
  EXPECT_EQ(stddev(constant), 0.0);
}

TEST(Stddev, UsesDdofOne) {
  // sqrt(sum((x - 3)^2) / 4) = sqrt(10 / 4) = sqrt(2.5) = 1.5811388300841898 (numpy std ddof=1).
  EXPECT_NEAR(stddev(kOneToFive), 1.5811388300841898, 1e-15);
}

TEST(Stddev, IsZeroForOneValue) { EXPECT_EQ(stddev(std::vector<double>{4.2}), 0.0); }

TEST(Median, TakesTheMiddleValueOrTheMeanOfTheTwo) {
  EXPECT_EQ(median(std::vector<double>{5, 1, 3}), 3.0);
  EXPECT_EQ(median(std::vector<double>{4, 1, 3, 2}), 2.5);
  EXPECT_EQ(median(std::vector<double>{7}), 7.0);
}

TEST(Median, OfTheLargestFiniteDoublesStaysFinite) {
  // (a + b) / 2 overflows for a, b near DBL_MAX (1.797e308); the midpoint does not, and equals
  // (a + b) / 2 wherever that does not overflow.
  const double big = 1.7e308;
  EXPECT_EQ(median(std::vector<double>{big, big, big, big}), big);
  EXPECT_DOUBLE_EQ(median(std::vector<double>{1.6e308, 1.7e308}), 1.65e308);
  const std::vector<double> sample{1.7e308, 1.6e308, 1.7e308, 1.6e308, 1.7e308, 1.6e308};
  EXPECT_TRUE(std::isfinite(summarize(sample).median));
  EXPECT_EQ(median(std::vector<double>{0.1, 0.2}), (0.1 + 0.2) / 2.0);
}

TEST(Percentile, InterpolatesBetweenRanks) {
  // numpy type 7 on [1,1,1,1,50] at 99: rank 0.99 * 4 = 3.96, 1 + 0.96 * (50 - 1) = 48.04.
  EXPECT_NEAR(percentile(std::vector<double>{1, 1, 1, 1, 50}, 99), 48.04, 1e-12);
  // [10,20,30,40]: rank 0.9 * 3 = 2.7 -> 30 + 0.7 * 10 = 37 (python statistics.quantiles
  // method='inclusive', which is type 7, gives 37.0); rank 1.5 -> 25.
  const std::vector<double> x{40, 10, 30, 20};
  EXPECT_NEAR(percentile(x, 90), 37.0, 1e-12);
  EXPECT_NEAR(percentile(x, 50), 25.0, 1e-12);
  EXPECT_EQ(percentile(x, 0), 10.0);
  EXPECT_EQ(percentile(x, 100), 40.0);
}

TEST(Percentile, SortedVariantAgreesAndChecksOrder) {
  EXPECT_NEAR(percentile_sorted(std::vector<double>{10, 20, 30, 40}, 90), 37.0, 1e-12);
  expect_input_error(
      [] {
        percentile_sorted(std::vector<double>{1, 3, 2}, 50);
      },
      {"index 2", "sorted"});
}

// mean 3 +- t(0.975, 4) * sqrt(2.5) / sqrt(5) with the exact t(0.975, 4) = 2.7764451051977987
// (scipy.stats.t.ppf; checked here by Simpson integration of the t(4) density with math.lgamma:
// 1 - 2 * integral_0^t = 0.05 + 1.8e-14) gives [1.0367568385224393, 4.9632431614775605].
// [1.0370715754261441, 4.962928424573856], the pair quoted in the task, is what the 3-digit table
// value 2.776 gives: 3 +- 2.776 * 0.7071067811865476. The spec asks for the exact quantile, so
// the table-value interval must be rejected.
TEST(MeanInterval, UsesTheExactStudentTQuantile) {
  const auto ci = mean_interval(kOneToFive);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->lo, 1.0367568385224393, 1e-12);
  EXPECT_NEAR(ci->hi, 4.9632431614775605, 1e-12);
  EXPECT_GT(std::fabs(ci->lo - 1.0370715754261441), 1e-4);  // not the 2.776 table interval
}

TEST(MeanInterval, IsEmptyForOneValue) {
  EXPECT_FALSE(mean_interval(std::vector<double>{3.0}).has_value());
}

TEST(MedianInterval, PicksTheNarrowestCoveringOrderStatistics) {
  // Largest k with 1 - 2 P(Bin(n, 1/2) <= k - 1) >= 0.95, by exact fractions in python:
  // n = 6: k = 1 (coverage 0.96875); n = 10: k = 2 (0.978515625); n = 20: k = 6 (0.95861053...);
  // n = 100: k = 40 (0.96479980). The interval is [x_(k), x_(n-k+1)].
  struct Case {
    std::size_t n;
    double lo, hi;
  };
  for (const Case c : {Case{6, 1, 6}, Case{10, 2, 9}, Case{20, 6, 15}, Case{100, 40, 61}}) {
    const auto ci = median_interval(scrambled_ranks(c.n));
    ASSERT_TRUE(ci.has_value()) << c.n;
    EXPECT_EQ(ci->lo, c.lo) << c.n;
    EXPECT_EQ(ci->hi, c.hi) << c.n;
  }
}

TEST(MedianInterval, IsEmptyBelowSixValues) {
  // n = 5: even [x_(1), x_(5)] covers only 1 - 2/32 = 0.9375 < 0.95.
  EXPECT_FALSE(median_interval(scrambled_ranks(5)).has_value());
  EXPECT_FALSE(median_interval(std::vector<double>{1.0}).has_value());
  // At 90 % confidence five values are enough.
  EXPECT_TRUE(median_interval(scrambled_ranks(5), 0.90).has_value());
}

TEST(TukeyOutliers, CountsMildAndSevereOnEachSide) {
  // Type-7 quartiles 11.25 and 17.75 (python statistics.quantiles, method='inclusive'), IQR 6.5:
  // fences -8.25 | 1.5 and 27.5 | 37.25, so -30 is low severe, 0 low mild, 30 high mild, 60 high
  // severe.
  const std::vector<double> x{60, -30, 0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30};
  const OutlierCounts counts = tukey_outliers(x);
  EXPECT_EQ(counts.low_severe, 1u);
  EXPECT_EQ(counts.low_mild, 1u);
  EXPECT_EQ(counts.high_mild, 1u);
  EXPECT_EQ(counts.high_severe, 1u);
  EXPECT_EQ(counts.total(), 4u);
  EXPECT_EQ(tukey_outliers(kOneToFive).total(), 0u);
}

TEST(Summarize, ReportsEveryField) {
  const Summary s = summarize(std::vector<double>{5, 3, 1, 4, 2});
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.std, 1.5811388300841898, 1e-15);
  EXPECT_NEAR(s.cv, 1.5811388300841898 / 3.0, 1e-15);
  EXPECT_EQ(s.median, 3.0);
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 5.0);
  EXPECT_EQ(s.p50, 3.0);
  EXPECT_NEAR(s.p90, 4.6, 1e-12);  // rank 3.6: 4 + 0.6
  EXPECT_NEAR(s.p95, 4.8, 1e-12);
  EXPECT_NEAR(s.p99, 4.96, 1e-12);
  ASSERT_TRUE(s.ci95_mean.has_value());
  EXPECT_NEAR(s.ci95_mean->lo, 1.0367568385224393, 1e-12);  // see MeanInterval above
  EXPECT_NEAR(s.ci95_mean->hi, 4.9632431614775605, 1e-12);
  EXPECT_FALSE(s.ci95_median.has_value());
  EXPECT_EQ(s.outliers.total(), 0u);
}

TEST(Summarize, HandlesOneValue) {
  const Summary s = summarize(std::vector<double>{2.5});
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.std, 0.0);
  EXPECT_EQ(s.cv, 0.0);
  EXPECT_EQ(s.p99, 2.5);
  EXPECT_FALSE(s.ci95_mean.has_value());
  EXPECT_FALSE(s.ci95_median.has_value());
}

TEST(Summarize, HasAMedianIntervalFromSixValues) {
  const Summary s = summarize(scrambled_ranks(20));
  ASSERT_TRUE(s.ci95_median.has_value());
  EXPECT_EQ(s.ci95_median->lo, 6.0);
  EXPECT_EQ(s.ci95_median->hi, 15.0);
}

TEST(SampleValidation, NamesTheSampleAndTheFirstBadIndex) {
  expect_input_error([] { require_valid_sample(std::vector<double>{}, "baseline"); },
                     {"baseline", "empty"});
  expect_input_error(
      [] {
        require_valid_sample(std::vector<double>{1, 2, kNan, kInf}, "candidate");
      },
      {"candidate", "index 2", "nan"});
  expect_input_error(
      [] {
        require_valid_sample(std::vector<double>{1, -kInf});
      },
      {"sample", "index 1", "inf"});
}

TEST(SampleValidation, EveryFunctionRejectsBadSamples) {
  const std::vector<double> empty;
  const std::vector<double> bad{1.0, kNan};
  for (const auto& sample : {empty, bad}) {
    EXPECT_THROW(mean(sample), InputError);
    EXPECT_THROW(stddev(sample), InputError);
    EXPECT_THROW(median(sample), InputError);
    EXPECT_THROW(percentile(sample, 50), InputError);
    EXPECT_THROW(percentile_sorted(sample, 50), InputError);
    EXPECT_THROW(mean_interval(sample), InputError);
    EXPECT_THROW(median_interval(sample), InputError);
    EXPECT_THROW(tukey_outliers(sample), InputError);
    EXPECT_THROW(summarize(sample), InputError);
  }
}

TEST(SampleValidation, RejectsOutOfRangeArguments) {
  for (const double p : {-0.1, 100.1, kNan}) {
    expect_input_error([&] { percentile(kOneToFive, p); }, {"percentile"});
    EXPECT_THROW(percentile_sorted(kOneToFive, p), InputError);
  }
  for (const double c : {0.0, 1.0, -0.5, kNan}) {
    expect_input_error([&] { mean_interval(kOneToFive, c); }, {"confidence"});
    EXPECT_THROW(median_interval(kOneToFive, c), InputError);
  }
}

}  // namespace
}  // namespace tinyperf::stats
