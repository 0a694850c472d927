#include "tinyperf/measure/runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

// At least `runs` samples of `calls_per_sample` calls after `warmup`.
RunSettings run_settings(WarmupPolicy warmup, std::size_t runs, std::size_t calls_per_sample = 1) {
  RunSettings s;
  s.warmup = warmup;
  s.measurement_runs = runs;
  s.calls_per_sample = calls_per_sample;
  return s;
}

RunSettings count_warmup(std::size_t warmup, std::size_t runs, std::size_t calls_per_sample = 1) {
  return run_settings({.mode = WarmupMode::kCount, .runs = warmup}, runs, calls_per_sample);
}

TEST(Measure, ModelThatSleepsOneMillisecondMeasuresAtLeastPointNine) {
  const auto sleep_1ms = [] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
  const Measurement m = measure(sleep_1ms, count_warmup(1, 5));
  ASSERT_EQ(m.samples_ns.size(), 5u);
  for (const double ns : m.samples_ns) EXPECT_GE(ns, 0.9e6);
  EXPECT_EQ(m.calls_per_sample, 1u);  // 1 ms is far above the batching threshold
}

TEST(Measure, CountWarmupMakesExactlyThatManyCallsBeforeMeasuring) {
  ManualClock clock;
  std::size_t calls = 0;
  const auto fn = [&] {
    ++calls;
    clock.advance(2000);
  };
  const Measurement m = measure(fn, count_warmup(7, 10), clock);
  EXPECT_EQ(calls, 17u);
  EXPECT_EQ(m.warmup_runs, 7u);
  EXPECT_TRUE(m.warmup_settled);
  EXPECT_EQ(m.warmup_policy, "count(runs=7)");
  ASSERT_EQ(m.samples_ns.size(), 10u);
  for (const double ns : m.samples_ns) EXPECT_EQ(ns, 2000.0);
  EXPECT_DOUBLE_EQ(m.measured_seconds, 10 * 2000e-9);
}

// Window k (calls 10k .. 10k+9) costs 1000 + 1000 / 2^k ns, so consecutive window medians change by
// 25 %, 16.7 %, 10 %, 5.6 %, 2.9 %, 1.5 %, then 0.78 % < 1 % between windows 6 and 7: warmup ends
// after 8 windows, 80 calls.
TEST(Measure, UntilStableStopsAtTheFirstWindowWithinTolerance) {
  ManualClock clock;
  std::size_t call = 0;
  const auto fn = [&] { clock.advance(1000 + (1000 >> (call++ / 10))); };
  const WarmupPolicy warmup = {
      .mode = WarmupMode::kUntilStable, .runs = 10, .window = 10, .tolerance = 0.01};
  const Measurement m = measure(fn, run_settings(warmup, 5), clock);
  EXPECT_TRUE(m.warmup_settled);
  EXPECT_EQ(m.warmup_runs, 80u);
  EXPECT_EQ(m.calls_per_sample, 1u);
  EXPECT_EQ(m.warmup_policy,
            "until_stable(window=10, tolerance=0.01, min_runs=10, max_runs=1000, max_s=2)");
}

TEST(Measure, UntilStableThatNeverSettlesStopsAtTheCapAndSaysSo) {
  ManualClock clock;
  double cost = 2000.0;
  const auto fn = [&] {
    clock.advance(static_cast<std::int64_t>(cost));
    cost *= 1.01;  // 10 % more per window: never settles
  };
  const WarmupPolicy warmup = {
      .mode = WarmupMode::kUntilStable, .runs = 10, .window = 10, .max_runs = 50};
  const Measurement m = measure(fn, run_settings(warmup, 3), clock);
  EXPECT_FALSE(m.warmup_settled);
  EXPECT_EQ(m.warmup_runs, 50u);
}

TEST(Measure, UntilStableRespectsItsTimeCap) {
  ManualClock clock;
  double cost = 1e6;
  const auto fn = [&] {
    clock.advance(static_cast<std::int64_t>(cost));
    cost *= 1.05;
  };
  const WarmupPolicy warmup = {.mode = WarmupMode::kUntilStable, .window = 10, .max_seconds = 0.05};
  const Measurement m = measure(fn, run_settings(warmup, 1), clock);
  EXPECT_FALSE(m.warmup_settled);
  EXPECT_LT(m.warmup_runs, 1000u);  // far below max_runs: the 0.05 s cap stopped it
  EXPECT_EQ(m.warmup_runs % 10, 0u);
}

TEST(Measure, KeepsSamplingUntilCountAndMinimumDurationAreBothMet) {
  ManualClock clock;
  const auto fn = [&] { clock.advance(1'000'000); };  // 1 ms
  RunSettings s = count_warmup(0, 10);
  s.min_duration_s = 0.05;
  const Measurement m = measure(fn, s, clock);
  EXPECT_EQ(m.samples_ns.size(), 50u);
  EXPECT_DOUBLE_EQ(m.measured_seconds, 0.05);
}

TEST(Measure, MaxRunsCapsTheTimeExtension) {
  ManualClock clock;
  const auto fn = [&] { clock.advance(1'000'000); };
  RunSettings s = count_warmup(0, 10);
  s.min_duration_s = 10.0;
  s.max_runs = 20;
  EXPECT_EQ(measure(fn, s, clock).samples_ns.size(), 20u);
}

TEST(Measure, ShortCallablesAreTimedInBatchesAndReportedPerCall) {
  ManualClock clock;
  const auto fn = [&] { clock.advance(10); };
  RunSettings s = count_warmup(3, 20, 0);
  const Measurement m = measure(fn, s, clock);
  // Batches grow 1, 10, 100, 1000 calls until one lasts 10 us: 1000 calls of 10 ns.
  EXPECT_EQ(m.calls_per_sample, 1000u);
  EXPECT_EQ(m.warmup_runs, 3u + 5u + 1111u);  // warmup, per-call estimate, calibration batches
  for (const double ns : m.samples_ns) EXPECT_DOUBLE_EQ(ns, 10.0);
}

TEST(Measure, CallablesAboveTheThresholdAreTimedOneByOne) {
  ManualClock clock;
  const auto fn = [&] { clock.advance(5000); };
  EXPECT_EQ(measure(fn, count_warmup(2, 5, 0), clock).calls_per_sample, 1u);
}

TEST(Measure, RecordsTheTimerOverheadWithoutSubtractingIt) {
  ManualClock clock(0, 25);
  const auto fn = [&] { clock.advance(3000); };
  const Measurement m = measure(fn, count_warmup(0, 4), clock);
  EXPECT_EQ(m.timer.median_ns, 25.0);
  for (const double ns : m.samples_ns) EXPECT_EQ(ns, 3025.0);  // one read's cost is inside
}

TEST(Measure, ExceptionsFromTheCallablePropagate) {
  ManualClock clock;
  const auto fn = [] { throw std::runtime_error("model failed"); };
  EXPECT_THROW(measure(fn, count_warmup(0, 3), clock), std::runtime_error);
}

TEST(Measure, RejectsInvalidSettingsNamingTheField) {
  const auto fn = [] {};
  RunSettings s;
  s.measurement_runs = 0;
  try {
    measure(fn, s);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("measurement_runs"), std::string::npos);
  }
  s = RunSettings{};
  s.min_duration_s = -1.0;
  EXPECT_THROW(measure(fn, s), InputError);
  s = RunSettings{};
  s.warmup.tolerance = std::nan("");
  EXPECT_THROW(measure(fn, s), InputError);
  s = RunSettings{};
  s.warmup.window = 0;
  EXPECT_THROW(measure(fn, s), InputError);
  s = RunSettings{};
  s.max_runs = 5;
  EXPECT_THROW(measure(fn, s), InputError);
}

}  // namespace
}  // namespace tinyperf::measure
