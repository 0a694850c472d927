// SingleStream and MultiStream runs against simulated SUTs of known latency (test_suts.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "test_suts.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using namespace testing;  // test_suts.h: the simulated clock and SUTs, settings helpers

// 1000 SingleStream queries of 1, 2, ..., 1000 µs.
LoadgenResult rising_single_stream() {
  SimulatedRun sim(rising_latency(kUs));
  return sim.run(closed_loop(Scenario::kSingleStream, 1000));
}

// A run of `s` against a SUT taking 1 ms a query.
LoadgenResult run_1ms_queries(const LoadgenSettings& s) {
  SimulatedRun sim(fixed_latency(kMs));
  return sim.run(s);
}

TEST(SingleStream, ReportsLoadGenPercentilesOfKnownLatencies) {
  const LoadgenResult r = rising_single_stream();
  ASSERT_EQ(r.query_count, 1000u);
  EXPECT_EQ(r.latencies_ns.front(), 1 * kUs);  // issue order is kept
  EXPECT_EQ(r.latencies_ns.back(), 1000 * kUs);
  // sorted[floor(n·p)] on latencies 1..1000 µs: p50 -> sorted[500] = 501 µs, p90 -> 901 µs.
  EXPECT_EQ(r.latency.percentile_ns[0], 501 * kUs);
  EXPECT_EQ(r.latency.percentile_ns[1], 901 * kUs);
  EXPECT_EQ(r.latency.percentile_ns[4], 991 * kUs);
  EXPECT_EQ(r.latency.percentile_ns[5], 1000 * kUs);  // floor(999.0) = 999, the maximum
  EXPECT_EQ(r.latency.mean_ns, 500'500);              // integer mean of 1000..1,000,000 ns
  EXPECT_EQ(r.latency.min_ns, 1 * kUs);
  EXPECT_EQ(r.latency.max_ns, 1000 * kUs);
}

TEST(SingleStream, EarlyStoppingReportsThe78thLargestOf1000AtP90) {
  const LoadgenResult r = rising_single_stream();
  // Reference: t = 78 at n = 1000, p = 0.90 (LoadGen notes §2.3; recomputed with Python's exact
  // binomial sums): the estimate is sorted[1000 - 78], the 78th largest = 923 µs.
  ASSERT_TRUE(r.early_stopping.estimate_ns.has_value());
  EXPECT_EQ(*r.early_stopping.estimate_ns, 923 * kUs);
  EXPECT_EQ(r.early_stopping.overlatency_count, 78);
  EXPECT_EQ(r.early_stopping.min_queries, 64);
  // The p99 estimate (early_stopping_latency_ms): t = 2 at n = 1000 -> sorted[998] = 999 µs.
  ASSERT_TRUE(r.early_stopping_p99 && r.early_stopping_p99->estimate_ns);
  EXPECT_EQ(*r.early_stopping_p99->estimate_ns, 999 * kUs);
  EXPECT_TRUE(r.valid) << r.invalid_reasons.front();
  EXPECT_DOUBLE_EQ(scenario_metric(r), 923.0 * kUs);
}

TEST(SingleStream, QpsWithAndWithoutOverheadFollowLoadGen) {
  const LoadgenResult r = rising_single_stream();
  // Query k is issued when the previous ones are done: at sum_{j<k} (j+1) µs; the last at
  // 999·1000/2 µs = 0.4995 s. (n - 1) / 0.4995 s = 2000 /s; 1 / mean = 1e9 / 500500.
  EXPECT_EQ(r.final_query_issued_ns, 499'500 * kUs);
  EXPECT_NEAR(r.qps_with_loadgen_overhead, 2000.0, 1e-9);
  EXPECT_NEAR(r.qps_without_loadgen_overhead, 1e9 / 500'500.0, 1e-9);
}

TEST(SingleStream, StopsOnceMinDurationAndMinQueriesAreMet) {
  LoadgenSettings s = expecting_1ms(Scenario::kSingleStream);
  s.min_duration_s = 0.5;
  const LoadgenResult r = run_1ms_queries(s);
  // Issues at 0, 1, ..., 500 ms: the query issued at 500 ms meets the duration.
  EXPECT_EQ(r.query_count, 501u);
  EXPECT_EQ(r.final_query_issued_ns, 500 * kMs);
  EXPECT_EQ(r.stop_reason, "min duration and min query count met");
  EXPECT_FALSE(r.stopped_early);
  EXPECT_TRUE(r.valid);
  // Every latency is exactly the SUT's 1 ms.
  EXPECT_TRUE(std::all_of(r.latencies_ns.begin(), r.latencies_ns.end(),
                          [](std::int64_t l) { return l == kMs; }));
}

TEST(SingleStream, RunStoppedByMaxDurationIsInvalidWithItsReason) {
  LoadgenSettings s = expecting_1ms(Scenario::kSingleStream);
  s.min_duration_s = 1.0;
  s.max_duration_s = 1.5;
  s.min_query_count = 2000;
  const LoadgenResult r = run_1ms_queries(s);
  EXPECT_EQ(r.query_count, 1500u);  // the query due at 1.5 s is not issued
  EXPECT_TRUE(r.stopped_early);
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(r.min_duration_met);
  EXPECT_FALSE(r.min_queries_met);
  ASSERT_EQ(r.invalid_reasons.size(), 1u);
  EXPECT_NE(r.invalid_reasons[0].find("min queries not met: 1500 queries issued, below the 2000"),
            std::string::npos)
      << r.invalid_reasons[0];
  EXPECT_NE(r.invalid_reasons[0].find("max duration reached"), std::string::npos);
}

TEST(SingleStream, RunStoppedByMaxQueriesIsInvalidWithItsReason) {
  LoadgenSettings s = expecting_1ms(Scenario::kSingleStream);
  s.max_query_count = 500;
  const LoadgenResult r = run_1ms_queries(s);
  EXPECT_EQ(r.query_count, 500u);
  EXPECT_FALSE(r.valid);
  EXPECT_FALSE(r.min_duration_met);
  EXPECT_EQ(r.stop_reason, "max query count reached");
  EXPECT_NE(r.invalid_reasons.at(0).find("min duration not met"), std::string::npos);
  EXPECT_NE(r.invalid_reasons.at(0).find("max query count reached"), std::string::npos);
}

TEST(SingleStream, RunningOutOfGeneratedQueriesIsInvalid) {
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.min_duration_s = 1.0;
  s.expected_latency_ns = 100 * kMs;  // 2 × 1 s / 100 ms = 20 < 100 queries: 100 generated
  const LoadgenResult r = run_1ms_queries(s);
  EXPECT_EQ(r.generated_query_count, 100u);
  EXPECT_EQ(r.query_count, 100u);
  EXPECT_EQ(r.stop_reason, "ran out of generated queries");
  EXPECT_FALSE(r.valid);
  EXPECT_FALSE(r.min_duration_met);
  EXPECT_NE(r.recommendations.at(0).find("expected latency"), std::string::npos);
}

TEST(SingleStream, TooFewQueriesForEarlyStoppingIsInvalid) {
  const LoadgenResult r = run_1ms_queries(closed_loop(Scenario::kSingleStream, 63));
  EXPECT_TRUE(r.min_queries_met);
  EXPECT_FALSE(r.early_stopping_met);
  EXPECT_FALSE(r.early_stopping.estimate_ns.has_value());
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.invalid_reasons.at(0).find("at least 64 needed"), std::string::npos)
      << r.invalid_reasons.at(0);
}

TEST(SingleStream, CalibratesTheTraceLengthWhenNoHintIsGiven) {
  SimulatedRun sim(fixed_latency(kMs));
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.min_duration_s = 0.2;
  const LoadgenResult r = sim.run(s);
  EXPECT_TRUE(r.expected_latency_calibrated);
  EXPECT_EQ(r.settings.expected_latency_ns, kMs);  // each calibration cycle took 1 ms
  EXPECT_EQ(r.generated_query_count, 400u);        // 2 × 0.2 s / 1 ms
  EXPECT_EQ(r.query_count, 201u);
  EXPECT_TRUE(r.valid);
  // Calibration queries (up to 0.1 s) ran before the timed run.
  EXPECT_EQ(sim.sut.queries(), 100u + 201u);
}

TEST(MultiStream, QueryLatencyIsItsSlowestSample) {
  SimulatedRun sim(fixed_latency(100 * kUs), SimulatedSut::Mode::kSerialSamples, 64, 64);
  const LoadgenResult r = sim.run(closed_loop(Scenario::kMultiStream, 662));
  ASSERT_EQ(r.sample_latencies_ns.size(), 662u * 8);
  // Samples finish at 100, 200, ..., 800 µs after issue: the query takes 800 µs.
  EXPECT_EQ(r.sample_latencies_ns[0], 100 * kUs);
  EXPECT_EQ(r.sample_latencies_ns[7], 800 * kUs);
  EXPECT_TRUE(std::all_of(r.latencies_ns.begin(), r.latencies_ns.end(),
                          [](std::int64_t l) { return l == 800 * kUs; }));
  EXPECT_EQ(r.sample_latency.mean_ns, 450 * kUs);
  // 662 queries is the p99 early-stopping minimum: t = 1, the estimate is the maximum.
  EXPECT_EQ(r.early_stopping.estimate_ns, 800 * kUs);
  EXPECT_TRUE(r.valid);
}

TEST(MultiStream, EarlyStoppingEstimateIsAtP99OverQueries) {
  SimulatedRun sim(rising_latency(kUs), 64, 64);
  const LoadgenResult r = sim.run(closed_loop(Scenario::kMultiStream, 1000));
  // n = 1000 at p = 0.99: t = 2 (Python exact binomial) -> sorted[998] = 999 µs.
  EXPECT_EQ(r.early_stopping.estimate_ns, 999 * kUs);
  EXPECT_EQ(r.latency.target_percentile_ns, 991 * kUs);  // sorted[990]
  EXPECT_DOUBLE_EQ(scenario_metric(r), 999.0 * kUs);
}

TEST(MultiStream, BelowThe662QueryMinimumIsInvalid) {
  SimulatedRun sim(fixed_latency(kMs), 64, 64);
  const LoadgenResult r = sim.run(closed_loop(Scenario::kMultiStream, 661));
  EXPECT_FALSE(r.early_stopping_met);
  EXPECT_FALSE(r.valid);
}

TEST(MultiStream, QueriesTakeContiguousSamplesOfTheLoadedSet) {
  SimulatedRun sim(fixed_latency(kMs), 1000, 10);
  LoadgenSettings s = closed_loop(Scenario::kMultiStream, 662);
  s.samples_per_query = 4;
  sim.run(s);
  // The loaded set holds 10 indices; consecutive samples of a query are consecutive (cyclically)
  // in it, so each query's 4 indices are distinct members of the set.
  const auto& idx = sim.sut.issued_indices();
  ASSERT_EQ(idx.size(), 662u * 4);
  std::vector<std::uint64_t> set(idx.begin(), idx.end());
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  EXPECT_EQ(set.size(), 10u);
  for (std::size_t q = 0; q < 662; ++q) {
    std::vector<std::uint64_t> query(idx.begin() + q * 4, idx.begin() + q * 4 + 4);
    std::sort(query.begin(), query.end());
    EXPECT_EQ(std::unique(query.begin(), query.end()), query.end());
  }
}

}  // namespace
}  // namespace tinyperf::loadgen
