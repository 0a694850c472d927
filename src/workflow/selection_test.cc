#include "selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::workflow {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// A variant of `size_mb` stored MiB and a report stating `accuracy` and latency samples around
// `median_ms` (median exactly median_ms).
struct Fake {
  std::vector<Variant> variants;
  std::vector<submission::BenchmarkReport> reports;

  void add(const std::string& name, double median_ms, double size_mb, double accuracy) {
    Variant v;
    v.name = name;
    v.size_bytes = static_cast<std::uint64_t>(size_mb * kMiB);
    variants.push_back(std::move(v));
    submission::BenchmarkReport r(name, measure::SystemInfo{});
    r.latency_samples_ms = {median_ms * 0.99, median_ms, median_ms * 1.01,  median_ms * 0.98,
                            median_ms * 1.02, median_ms, median_ms * 0.995, median_ms * 1.005};
    r.metrics.accuracy = accuracy;
    r.metrics.latency_ms_median = median_ms;
    r.metrics.latency_ms_ci95 = stats::Interval{median_ms * 0.99, median_ms * 1.01};
    r.metrics.throughput_samples_per_sec = 1000.0 / median_ms;
    r.metrics.peak_memory_mb = 10.0;
    r.metrics.energy_j_per_inference = 1e-4;
    r.metrics.energy_method = "estimate";
    reports.push_back(std::move(r));
  }
};

stats::CompareOptions paired() {
  stats::CompareOptions o;
  o.paired = true;
  return o;
}

TEST(Judge, ComputesTheNormalizedMetricsOfStatisticsMd) {
  // statistics.md's example: A = (100 ms, 12 MB, 0.89), B = (40 ms, 3 MB, 0.87) gives speedup 2.5,
  // compression 4.0, accuracy delta -0.02 and efficiency 2.5 * 4 / 1.02 = 9.8039...
  Fake f;
  f.add("a", 100.0, 12.0, 0.89);
  f.add("b", 40.0, 3.0, 0.87);
  const auto s = judge(f.variants, f.reports, paired());
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].role, "baseline");
  EXPECT_FALSE(s[0].speedup.has_value());
  EXPECT_DOUBLE_EQ(*s[1].speedup, 2.5);
  EXPECT_NEAR(*s[1].compression_ratio, 4.0, 1e-6);
  EXPECT_NEAR(*s[1].accuracy_delta, -0.02, 1e-12);
  EXPECT_NEAR(*s[1].efficiency_score, 9.803921568627452, 1e-5);
  EXPECT_EQ(s[1].verdict, "faster");
  ASSERT_TRUE(s[1].speedup_ci95.has_value());
  EXPECT_GT(s[1].speedup_ci95->first, 2.0);
}

TEST(Judge, MarksTheAccuracyLatencyFrontier) {
  Fake f;
  f.add("base", 10.0, 1.0, 0.90);
  f.add("fast", 5.0, 0.5, 0.88);     // faster, less accurate: on the frontier
  f.add("worse", 12.0, 0.25, 0.85);  // slower and less accurate than base: dominated
  f.add("best", 5.0, 0.5, 0.91);     // dominates base and fast
  const auto s = judge(f.variants, f.reports, paired());
  EXPECT_FALSE(s[0].on_frontier);
  EXPECT_FALSE(s[1].on_frontier);
  EXPECT_FALSE(s[2].on_frontier);
  EXPECT_TRUE(s[3].on_frontier);
}

TEST(ChooseSubmitted, PicksTheBestEfficiencyOnTheFrontierNotOverall) {
  Fake f;
  f.add("base", 10.0, 1.0, 0.90);
  f.add("quick", 5.0, 1.0, 0.89);     // frontier, efficiency 2 / 1.01
  f.add("tiny", 6.0, 0.1, 0.70);      // dominated by quick, efficiency ~13.9: not eligible
  f.add("accurate", 9.0, 1.0, 0.92);  // frontier, efficiency ~1.11
  auto s = judge(f.variants, f.reports, paired());
  ASSERT_TRUE(s[2].efficiency_score.has_value());
  EXPECT_GT(*s[2].efficiency_score, *s[1].efficiency_score);
  std::vector<std::string> warnings;
  EXPECT_EQ(choose_submitted(s, warnings), 1u);
  EXPECT_EQ(s[1].role, "optimized");
  EXPECT_TRUE(warnings.empty());
}

TEST(ChooseSubmitted, FallsBackWithAWarningWhenTheBaselineDominatesEverything) {
  Fake f;
  f.add("base", 10.0, 1.0, 0.90);
  f.add("slow", 12.0, 0.5, 0.89);
  f.add("slower", 15.0, 0.2, 0.88);
  auto s = judge(f.variants, f.reports, paired());
  std::vector<std::string> warnings;
  EXPECT_EQ(choose_submitted(s, warnings), 2u);  // 10/15 * 5 / 1.02 > 10/12 * 2 / 1.01
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], ::testing::HasSubstr("no optimized variant is on"));
}

TEST(ChooseSubmitted, NeedsAnOptimizedVariant) {
  Fake f;
  f.add("base", 10.0, 1.0, 0.90);
  auto s = judge(f.variants, f.reports, paired());
  std::vector<std::string> warnings;
  EXPECT_THROW(choose_submitted(s, warnings), InputError);
}

TEST(Judge, RejectsReportsThatDoNotMatchTheVariants) {
  Fake f;
  f.add("base", 10.0, 1.0, 0.90);
  f.add("b", 10.0, 1.0, 0.90);
  EXPECT_THROW(judge(std::span(f.variants).first(1), f.reports, paired()), InputError);
  f.reports[1].metrics.accuracy.reset();
  EXPECT_THROW(judge(f.variants, f.reports, paired()), InputError);
}

}  // namespace
}  // namespace tinyperf::workflow
