// robust_cv, required_runs and sample_warnings. Expected values come from python3's statistics
// module (NormalDist for the z quantiles, median for the MAD), as each comment says.
#include "tinyperf/stats/quality.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;
using Sample = std::vector<double>;
using Lines = std::vector<std::string>;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// 1,000 latencies on a grid from 99 to 101 ms (100 + 0.2 * ((i mod 11) - 5)); with `stalls`, the
// values at 0, 100, 200, ... are 100,000 ms instead: a thread preempted for 100 s at a time.
Sample grid_latencies(int stalls) {
  Sample v;
  for (int i = 0; i < 1000; ++i) v.push_back(100.0 + 0.2 * ((i % 11) - 5));
  for (int j = 0; j < stalls; ++j) v[static_cast<std::size_t>(100 * j)] = 1e5;
  return v;
}

TEST(RobustCv, IsTheScaledMadOverTheMedian) {
  // median 10, |x - 10| = 0 1 1 0 2 0 990, MAD 1: 1.482602218505602 * 1 / 10.
  EXPECT_DOUBLE_EQ(robust_cv(Sample{10, 11, 9, 10, 12, 10, 1000}), 0.1482602218505602);
  // Even count: median 2.5, |x - 2.5| = 1.5 0.5 0.5 1.5, MAD 1: 1.482602218505602 / 2.5.
  EXPECT_DOUBLE_EQ(robust_cv(Sample{4, 1, 3, 2}), 0.5930408874022408);
  EXPECT_DOUBLE_EQ(robust_cv(Sample{-4, -1, -3, -2}), 0.5930408874022408);  // |median|
  EXPECT_EQ(robust_cv(Sample{-1, 0, 1}), 0.0);                              // median 0
  EXPECT_EQ(robust_cv(Sample{5, 5, 5, 6, 100}), 0.0);  // most values at the median
  EXPECT_EQ(robust_cv(Sample{7}), 0.0);
  expect_input_error([] { robust_cv(Sample{}); }, {"empty"});
  expect_input_error([] { robust_cv(Sample{1, kNan}); }, {"index 1"});
}

TEST(RequiredRuns, FollowsTheNormalApproximation) {
  // python: z = NormalDist().inv_cdf(1 - alpha/2) + NormalDist().inv_cdf(power);
  // n = max(2, ceil(2 (z cv / delta)^2)).
  EXPECT_EQ(required_runs(0.05, 0.01), 393u);             // 392.444
  EXPECT_EQ(required_runs(0.02, 0.01), 63u);              // 62.791
  EXPECT_EQ(required_runs(0.01, 0.05), 2u);               // 0.628, raised to 2
  EXPECT_EQ(required_runs(0.10, 0.05, 0.01, 0.9), 120u);  // 119.035
  EXPECT_EQ(required_runs(0.0, 0.01), 2u);
}

TEST(RequiredRuns, RejectsBadArguments) {
  expect_input_error([] { required_runs(-0.1, 0.01); }, {"cv"});
  expect_input_error([] { required_runs(kNan, 0.01); }, {"cv"});
  expect_input_error([] { required_runs(0.1, 0.0); }, {"delta"});
  expect_input_error([] { required_runs(0.1, kInf); }, {"delta"});
  expect_input_error([] { required_runs(0.1, 0.01, 1.0); }, {"alpha"});
  expect_input_error([] { required_runs(0.1, 0.01, 0.05, 0.0); }, {"power"});
  expect_input_error([] { required_runs(1e10, 1e-10); }, {"9e15"});
  expect_input_error([] { required_runs(Sample{}, Sample{1}, 0.01); }, {"empty"});
}

TEST(RequiredRuns, OfTwoSamplesUsesTheQuadraticMeanOfTheRobustCvs) {
  // 95, 105 five times: MAD 5, robust cv 0.0741301 (python), 863 runs for 1 % on its own.
  Sample wide;
  for (int i = 0; i < 5; ++i) wide.insert(wide.end(), {95.0, 105.0});
  EXPECT_EQ(required_runs(wide, wide, 0.01), 863u);
  EXPECT_EQ(required_runs(wide, wide, 0.01), required_runs(robust_cv(wide), 0.01));
  // With a side of robust cv 0 the cv is 0.0741301 / sqrt(2): half the runs, rounded up.
  EXPECT_EQ(required_runs(wide, Sample{3, 3, 3}, 0.01),
            required_runs(0.0741301109252801 / std::sqrt(2.0), 0.01));
  EXPECT_EQ(required_runs(wide, Sample{3, 3, 3}, 0.01), 432u);  // 431.3 (python)
}

TEST(RequiredRuns, AFewHugeStallsDoNotBlowItUp) {
  // python3 statistics on grid_latencies: robust cv 0.00889561 with or without the 5 stalls, so
  // 13 runs either way; the plain cv goes from 0.00632 to 11.759, which would ask 21,707,758 runs.
  const Sample clean = grid_latencies(0);
  const Sample stalled = grid_latencies(5);
  EXPECT_NEAR(robust_cv(stalled), 0.008895613311033527, 1e-12);
  EXPECT_EQ(required_runs(clean, clean, 0.01), 13u);
  EXPECT_EQ(required_runs(stalled, stalled, 0.01), 13u);
  EXPECT_EQ(required_runs(clean, stalled, 0.01), 13u);
  EXPECT_EQ(required_runs(11.759494230340346, 0.01), 21'707'758u);  // what the cv would give
}

TEST(SampleWarnings, HighVarianceAndTooFewSamples) {
  // 1..8: cv 2.449 / 4.5 = 0.544; median 4.5, MAD 2, robust cv 0.659 -> 68,159 runs (python).
  const Sample wide = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0};
  EXPECT_EQ(sample_warnings(wide, "latency"),
            (Lines{"high variance: latency cv 0.544 > 0.1",
                   "too few latency samples to detect a 1% change at robust cv 0.659: 8 samples, "
                   "68159 needed"}));
}

TEST(SampleWarnings, StatesHowManySamplesAreNeeded) {
  // 95, 105 five times each: cv 0.0527 (below 0.1), robust cv 0.0741 -> 863 runs (above).
  Sample v;
  for (int i = 0; i < 5; ++i) v.insert(v.end(), {95.0, 105.0});
  EXPECT_EQ(sample_warnings(v, "latency"),
            (Lines{"too few latency samples to detect a 1% change at robust cv 0.074: 10 "
                   "samples, 863 needed"}));
}

TEST(SampleWarnings, StallsRaiseHighVarianceButNotTheSamplesNeeded) {
  // The stalled grid: cv 11.759 (python), robust cv 0.0089 -> 13 runs, fewer than its 1,000.
  EXPECT_EQ(sample_warnings(grid_latencies(5), "latency"),
            (Lines{"high variance: latency cv 11.759 > 0.1"}));
}

TEST(SampleWarnings, QuietForALargeSteadySampleAndNotesTinyOnes) {
  Sample steady(1000, 100.0);
  steady[0] = 100.1;
  EXPECT_TRUE(sample_warnings(steady, "latency").empty());
  EXPECT_EQ(sample_warnings(Sample{5.0, 5.0, 5.0}, "latency"),
            (Lines{"few latency samples: n = 3 < 6; no 95% interval for the median"}));
  EXPECT_THROW(sample_warnings(Sample{}, "latency"), InputError);
}

TEST(SampleWarnings, AnalyzeStyleOptions) {
  const SampleWarningOptions analyze{.detect_change = 0.0, .min_count = 10, .outliers = true};
  // 1..5: cv 1.5811 / 3 = 0.527; 2,4,4,4,5,5,7,9: cv 0.4276, 9 beyond Q3 + 1.5 IQR = 7.75.
  EXPECT_EQ(sample_warnings(Sample{1, 2, 3, 4, 5}, "", analyze),
            (Lines{"high variance: cv 0.527 > 0.1",
                   "few samples: n = 5 < 10; no 95% interval for the median"}));
  EXPECT_EQ(sample_warnings(Sample{2, 4, 4, 4, 5, 5, 7, 9}, "", analyze),
            (Lines{"high variance: cv 0.428 > 0.1",
                   "outliers: 1 of 8 values beyond the Tukey fences (reported, not removed)",
                   "few samples: n = 8 < 10"}));
  const SampleWarningOptions off{.max_cv = 1.0, .detect_change = 0.0, .min_count = 0};
  EXPECT_TRUE(sample_warnings(Sample{1, 2, 3, 4, 5}, "", off).empty());
}

TEST(SampleWarnings, RejectsBadOptions) {
  const Sample steady(10, 1.0);  // robust cv 0: the check must not depend on the data
  expect_input_error([&] { sample_warnings(steady, "x", {.detect_change = -0.01}); },
                     {"detect_change"});
  expect_input_error([&] { sample_warnings(steady, "x", {.alpha = 1.0}); }, {"alpha"});
  expect_input_error([&] { sample_warnings(steady, "x", {.power = kNan}); }, {"power"});
  expect_input_error([&] { sample_warnings(steady, "x", {.max_cv = kNan}); }, {"max_cv"});
}

}  // namespace
}  // namespace tinyperf::stats
