#include <gtest/gtest.h>

#include "test_suts.h"
#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using namespace testing;  // test_suts.h: the simulated clock and SUTs, settings helpers

LoadgenSettings peak_settings() {
  LoadgenSettings s = testing::server(1000, 500, 1000 * kUs);
  s.min_duration_s = 0.5;
  return s;
}

// One server taking 100 µs a query (capacity 10,000/s), searched from `start_qps`.
FindPeakResult one_server_peak(double start_qps,
                               std::function<void(const LoadgenResult&)> on_run = {}) {
  SimulatedRun sim(fixed_latency(100 * kUs), SimulatedSut::Mode::kQueue);
  FindPeakOptions o;
  o.start_qps = start_qps;
  o.on_run = std::move(on_run);
  return sim.peak(peak_settings(), o);
}

TEST(FindPeak, BracketsAndBisectsToTheHighestValidRate) {
  // Queueing pushes the p99 over 1 ms below the 10,000/s capacity.
  int runs = 0;
  const FindPeakResult r = one_server_peak(1000, [&](const LoadgenResult&) { ++runs; });
  ASSERT_TRUE(r.peak.has_value());
  EXPECT_TRUE(r.converged);
  EXPECT_TRUE(r.peak->valid);
  EXPECT_DOUBLE_EQ(r.peak->settings.target_qps, r.lower_qps);
  EXPECT_LE(r.peak->latency.target_percentile_ns, 1000 * kUs);
  EXPECT_GT(r.lower_qps, 2000.0);
  EXPECT_LT(r.lower_qps, 10'000.0);
  EXPECT_LE(r.upper_qps, r.lower_qps * 1.05);
  EXPECT_EQ(runs, static_cast<int>(r.steps.size()));
  // The doubling phase: 1000, 2000, 4000, ... each VALID until the first INVALID.
  EXPECT_DOUBLE_EQ(r.steps[0].target_qps, 1000);
  EXPECT_TRUE(r.steps[0].valid);
  EXPECT_DOUBLE_EQ(r.steps[1].target_qps, 2000);
  const nlohmann::json j = to_json(r);
  EXPECT_EQ(j["result_validity"], "VALID");
  EXPECT_EQ(j["find_peak"]["peak_qps"], r.lower_qps);
  EXPECT_NE(format_summary(r).find("Peak VALID target QPS"), std::string::npos);
}

TEST(FindPeak, HalvesFromAnInvalidStart) {
  const FindPeakResult r = one_server_peak(64'000);
  ASSERT_TRUE(r.peak.has_value());
  EXPECT_FALSE(r.steps[0].valid);
  EXPECT_LT(r.lower_qps, 10'000.0);
}

TEST(FindPeak, StartsAtAQuarterOfTheEstimatedThroughput) {
  // Samples complete one after another, 100 µs each: estimate_throughput measures 10,000/s.
  SimulatedRun sim(fixed_latency(100 * kUs), SimulatedSut::Mode::kSerialSamples);
  LoadgenSettings s = peak_settings();
  EXPECT_DOUBLE_EQ(estimate_throughput(sim.sut, sim.qsl, s, sim.clock), 10'000.0);
  s.target_qps = 0;  // ignored by the search
  const FindPeakResult r = sim.peak(s);
  ASSERT_FALSE(r.steps.empty());
  EXPECT_DOUBLE_EQ(r.steps[0].target_qps, 2500.0);
  ASSERT_TRUE(r.peak.has_value());
  EXPECT_LT(r.lower_qps, 10'000.0);
}

TEST(FindPeak, ReportsNoPeakWhenNothingIsValid) {
  // Every query takes 2 ms against a 1 ms bound: no rate is VALID.
  SimulatedRun sim(fixed_latency(2000 * kUs), SimulatedSut::Mode::kParallel);
  FindPeakOptions o;
  o.start_qps = 1000;
  o.min_qps = 200;
  const FindPeakResult r = sim.peak(peak_settings(), o);
  EXPECT_FALSE(r.peak.has_value());
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.steps.size(), 3u);  // 1000, 500, 250
  EXPECT_EQ(to_json(r)["result_validity"], "INVALID");
}

TEST(FindPeak, RejectsOtherScenariosAndBadOptions) {
  SimulatedRun sim(fixed_latency(kUs));
  EXPECT_THROW(sim.peak(default_settings(Scenario::kOffline)), InputError);
  FindPeakOptions o;
  o.tolerance = 0;
  EXPECT_THROW(sim.peak(peak_settings(), o), InputError);
}

}  // namespace
}  // namespace tinyperf::loadgen
