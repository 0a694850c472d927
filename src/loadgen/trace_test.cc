#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "trace.h"

namespace tinyperf::loadgen::detail {
namespace {

TEST(Trace, LoadedSetIsASeededSubsetOfDistinctIndices) {
  const auto a = make_loaded_set(1000, 100, 7);
  EXPECT_EQ(a, make_loaded_set(1000, 100, 7));
  EXPECT_NE(a, make_loaded_set(1000, 100, 8));
  const std::set<std::uint64_t> distinct(a.begin(), a.end());
  EXPECT_EQ(distinct.size(), 100u);
  EXPECT_LT(*distinct.rbegin(), 1000u);
}

TEST(Trace, SingleStreamDrawsFromTheLoadedSetWithReplacement) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.expected_latency_ns = 1'000'000;
  s.min_duration_s = 1;  // 2 × 1 s / 1 ms = 2000 queries
  const std::vector<std::uint64_t> set = {3, 5, 7};
  const Trace t = make_trace(s, set);
  ASSERT_EQ(t.query_count(), 2000u);
  std::vector<std::uint64_t> count(8, 0);
  for (std::uint64_t i = 0; i < t.samples.size(); ++i) {
    EXPECT_EQ(t.samples[i].id, i);
    ++count.at(t.samples[i].index);
  }
  EXPECT_EQ(count[3] + count[5] + count[7], 2000u);
  for (std::uint64_t i : {3, 5, 7}) EXPECT_GT(count[i], 500u);           // ~667 each
  EXPECT_EQ(make_trace(s, set).samples[17].index, t.samples[17].index);  // seeded
}

TEST(Trace, ClosedLoopLengthRespectsMaxQueriesAndTheMemoryCap) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.expected_latency_ns = 1'000;
  bool capped = false;
  EXPECT_EQ(closed_loop_query_count(s, capped), kMaxTraceSamples);  // 2 × 10 s / 1 µs = 2e7
  EXPECT_TRUE(capped);
  s.max_query_count = 5000;
  EXPECT_EQ(closed_loop_query_count(s, capped), 5000u);
  EXPECT_FALSE(capped);
}

TEST(Trace, ServerArrivalsArePoissonAtTheTargetRate) {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 5000;
  s.min_duration_s = 2;
  const std::vector<std::uint64_t> set = {0, 1, 2, 3};
  const Trace t = make_trace(s, set);
  ASSERT_GT(t.scheduled_ns.size(), 9000u);
  EXPECT_EQ(t.scheduled_ns.front(), 0);
  EXPECT_TRUE(std::is_sorted(t.scheduled_ns.begin(), t.scheduled_ns.end()));
  // Generation stops at the first arrival at or after min_duration.
  EXPECT_GE(t.scheduled_ns.back(), 2'000'000'000);
  EXPECT_LT(t.scheduled_ns[t.scheduled_ns.size() - 2], 2'000'000'000);
  // Exponential gaps: mean 1/λ = 200 µs and sd ≈ mean (coefficient of variation 1).
  const double n = static_cast<double>(t.scheduled_ns.size() - 1);
  const double mean = static_cast<double>(t.scheduled_ns.back()) / n;
  double var = 0;
  for (std::size_t i = 1; i < t.scheduled_ns.size(); ++i) {
    const double g = static_cast<double>(t.scheduled_ns[i] - t.scheduled_ns[i - 1]) - mean;
    var += g * g;
  }
  EXPECT_NEAR(mean, 200'000.0, 200'000.0 * 0.05);
  EXPECT_NEAR(std::sqrt(var / n) / mean, 1.0, 0.05);
}

TEST(Trace, ServerTraceStopsAtMaxQueries) {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 100;
  s.max_query_count = 150;
  const std::vector<std::uint64_t> set = {0};
  const Trace t = make_trace(s, set);
  EXPECT_EQ(t.query_count(), 150u);
  EXPECT_TRUE(t.capped_by_max_queries);
}

TEST(Trace, OfflineRepeatsTheLoadedSetInOrder) {
  LoadgenSettings s = default_settings(Scenario::kOffline);
  s.samples_per_query = 7;
  const std::vector<std::uint64_t> set = {9, 4, 6};
  const Trace t = make_trace(s, set);
  ASSERT_EQ(t.query_count(), 1u);
  std::vector<std::uint64_t> idx;
  for (const auto& q : t.query(0)) idx.push_back(q.index);
  EXPECT_EQ(idx, (std::vector<std::uint64_t>{9, 4, 6, 9, 4, 6, 9}));
}

}  // namespace
}  // namespace tinyperf::loadgen::detail
