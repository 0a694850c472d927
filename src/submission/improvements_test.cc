#include "tinyperf/submission/improvements.h"

#include <gtest/gtest.h>

#include "tinyperf/core/file_io.h"

namespace tinyperf::submission {
namespace {

Side side(std::optional<double> median_ms, std::optional<double> mean_ms,
          std::optional<double> size_mb, std::optional<double> accuracy) {
  Side s;
  s.metrics.latency_ms_median = median_ms;
  s.metrics.latency_ms_mean = mean_ms;
  s.metrics.model_size_mb = size_mb;
  s.metrics.accuracy = accuracy;
  return s;
}

TEST(ImprovementsOf, GivesTheNormalizedMetricsOfTheStatisticsExample) {
  // docs/statistics.md: A = (100 ms, 12 MB, 0.89), B = (40 ms, 3 MB, 0.87) gives speedup 2.5,
  // compression 4.0, accuracy delta -0.02 and efficiency 2.5 * 4 / 1.02 = 9.8039...
  const Improvements i =
      improvements_of(side(100.0, 100.0, 12.0, 0.89), side(40.0, 40.0, 3.0, 0.87));
  EXPECT_DOUBLE_EQ(*i.speedup, 2.5);
  EXPECT_DOUBLE_EQ(*i.compression_ratio, 4.0);
  EXPECT_NEAR(*i.accuracy_delta, -0.02, 1e-15);
  EXPECT_NEAR(*i.efficiency_score, 9.803921568627452, 1e-12);
  EXPECT_FALSE(i.verdict);  // no comparison asked for
}

TEST(ImprovementsOf, UsesMediansOnlyWhenBothSidesHaveOne) {
  // schema/examples/valid/tinytorch_medians.json: medians 30 and 10 ms, means 20 and 10 ms.
  EXPECT_DOUBLE_EQ(
      *improvements_of(side(30.0, 20.0, 4.0, 0.9), side(10.0, 10.0, 1.0, 0.89)).speedup, 3.0);
  EXPECT_DOUBLE_EQ(
      *improvements_of(side(30.0, 20.0, 4.0, 0.9), side(std::nullopt, 10.0, 1.0, 0.89)).speedup,
      2.0);
  EXPECT_EQ(speedup_basis(side(30.0, 20.0, 4.0, 0.9).metrics, side({}, 10.0, 1.0, 0.9).metrics),
            LatencyBasis::kMean);
  EXPECT_EQ(to_string(LatencyBasis::kMedian), "latency_ms_median");
}

TEST(ImprovementsOf, FloorsTheOptimizedLatencyAndSize) {
  const Improvements i = improvements_of(side(2.0, 2.0, 3.0, 0.5), side(1e-9, 1e-9, 1e-12, 0.5));
  EXPECT_DOUBLE_EQ(*i.speedup, 2.0 / kMinLatencyMs);
  EXPECT_DOUBLE_EQ(*i.compression_ratio, 3.0 / kMinSizeMb);
  EXPECT_EQ(*i.accuracy_delta, 0.0);
}

TEST(ImprovementsOf, LeavesOutWhatItCannotCompute) {
  const Improvements i =
      improvements_of(side(2.0, 2.0, std::nullopt, 0.9), side(1.0, 1.0, 1.0, std::nullopt));
  EXPECT_DOUBLE_EQ(*i.speedup, 2.0);
  EXPECT_FALSE(i.compression_ratio);
  EXPECT_FALSE(i.accuracy_delta);
  EXPECT_FALSE(i.efficiency_score);
}

TEST(ImprovementsOf, ComparesTheRawSamplesWhenAsked) {
  Side a = side(2.0, 2.0, 4.0, 0.9);
  Side b = side(1.0, 1.0, 1.0, 0.9);
  a.latency_samples_ms = {2.0, 2.1, 1.9, 2.0, 2.05, 1.95, 2.0, 2.02};
  b.latency_samples_ms = {1.0, 1.05, 0.95, 1.0, 1.02, 0.98, 1.0, 1.01};
  const Improvements i = improvements_of(a, b, stats::CompareOptions{});
  EXPECT_EQ(i.verdict, stats::Verdict::kFaster);
  EXPECT_EQ(i.test, "mann_whitney_u");
  ASSERT_TRUE(i.speedup_ci95 && i.p_value && i.welch_p_value);
  EXPECT_LT(*i.p_value, 0.01);
  EXPECT_LE(i.speedup_ci95->lo, *i.speedup);
  EXPECT_GE(i.speedup_ci95->hi, *i.speedup);
  b.latency_samples_ms.reset();
  EXPECT_FALSE(improvements_of(a, b, stats::CompareOptions{}).verdict);
}

TEST(ImprovementsOf, AgreesWithEveryValidExampleThatStatesImprovements) {
  for (const char* name : {"tinytorch_medians.json", "tinytorch_means.json", "v1_full.json"}) {
    const Submission s =
        parse_submission(read_json_file(std::string("../../schema/examples/valid/") + name));
    const Improvements i = improvements_of(s.baseline, *s.optimized);
    EXPECT_NEAR(*i.speedup, *s.improvements->speedup, 1e-9) << name;
    EXPECT_NEAR(*i.compression_ratio, *s.improvements->compression_ratio, 1e-9) << name;
    EXPECT_NEAR(*i.accuracy_delta, *s.improvements->accuracy_delta, 1e-12) << name;
  }
}

}  // namespace
}  // namespace tinyperf::submission
