#include <gtest/gtest.h>

#include "test_suts.h"
#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using testing::SimClock;
using testing::SimulatedSut;

constexpr std::int64_t kUs = 1'000;

LoadgenSettings peak_settings() {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 1000;
  s.min_duration_s = 0.5;
  s.min_query_count = 500;
  s.target_latency_ns = 1000 * kUs;
  return s;
}

TEST(FindPeak, BracketsAndBisectsToTheHighestValidRate) {
  SimClock clock;
  // One server at 100 µs per query: capacity 10,000/s; queueing pushes the p99 over 1 ms below it.
  SimulatedSut sut(
      clock, [](std::uint64_t) { return 100 * kUs; }, SimulatedSut::Mode::kQueue);
  IndexSampleLibrary qsl("qsl", 100, 100);
  FindPeakOptions o;
  o.start_qps = 1000;
  int runs = 0;
  o.on_run = [&](const LoadgenResult&) { ++runs; };
  const FindPeakResult r = find_peak(sut, qsl, peak_settings(), o, clock);
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
  SimClock clock;
  SimulatedSut sut(
      clock, [](std::uint64_t) { return 100 * kUs; }, SimulatedSut::Mode::kQueue);
  IndexSampleLibrary qsl("qsl", 100, 100);
  FindPeakOptions o;
  o.start_qps = 64'000;
  const FindPeakResult r = find_peak(sut, qsl, peak_settings(), o, clock);
  ASSERT_TRUE(r.peak.has_value());
  EXPECT_FALSE(r.steps[0].valid);
  EXPECT_LT(r.lower_qps, 10'000.0);
}

TEST(FindPeak, StartsAtAQuarterOfTheEstimatedThroughput) {
  SimClock clock;
  // Samples complete one after another, 100 µs each: estimate_throughput measures 10,000/s.
  SimulatedSut sut(
      clock, [](std::uint64_t) { return 100 * kUs; }, SimulatedSut::Mode::kSerialSamples);
  IndexSampleLibrary qsl("qsl", 100, 100);
  LoadgenSettings s = peak_settings();
  EXPECT_DOUBLE_EQ(estimate_throughput(sut, qsl, s, clock), 10'000.0);
  s.target_qps = 0;  // ignored by the search
  const FindPeakResult r = find_peak(sut, qsl, s, {}, clock);
  ASSERT_FALSE(r.steps.empty());
  EXPECT_DOUBLE_EQ(r.steps[0].target_qps, 2500.0);
  ASSERT_TRUE(r.peak.has_value());
  EXPECT_LT(r.lower_qps, 10'000.0);
}

TEST(FindPeak, ReportsNoPeakWhenNothingIsValid) {
  SimClock clock;
  // Every query takes 2 ms against a 1 ms bound: no rate is VALID.
  SimulatedSut sut(
      clock, [](std::uint64_t) { return 2000 * kUs; }, SimulatedSut::Mode::kParallel);
  IndexSampleLibrary qsl("qsl", 100, 100);
  FindPeakOptions o;
  o.start_qps = 1000;
  o.min_qps = 200;
  const FindPeakResult r = find_peak(sut, qsl, peak_settings(), o, clock);
  EXPECT_FALSE(r.peak.has_value());
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.steps.size(), 3u);  // 1000, 500, 250
  EXPECT_EQ(to_json(r)["result_validity"], "INVALID");
}

TEST(FindPeak, RejectsOtherScenariosAndBadOptions) {
  SimClock clock;
  SimulatedSut sut(clock, [](std::uint64_t) { return kUs; });
  IndexSampleLibrary qsl("qsl", 100, 100);
  EXPECT_THROW(find_peak(sut, qsl, default_settings(Scenario::kOffline), {}, clock), InputError);
  FindPeakOptions o;
  o.tolerance = 0;
  EXPECT_THROW(find_peak(sut, qsl, peak_settings(), o, clock), InputError);
}

}  // namespace
}  // namespace tinyperf::loadgen
