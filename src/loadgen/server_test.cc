// Server and Offline runs against simulated SUTs of known latency (test_suts.h).
#include <gtest/gtest.h>

#include <algorithm>

#include "results.h"
#include "test_suts.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using namespace testing;  // test_suts.h: the simulated clock and SUTs, settings helpers

// 1 ms for every query except every 250th, which takes 5 ms (0.4 % of them).
std::int64_t mostly_one_ms(std::uint64_t k) { return k % 250 == 249 ? 5 * kMs : kMs; }

TEST(Server, LatencyIsMeasuredFromTheScheduledTime) {
  SimulatedRun sim(mostly_one_ms, SimulatedSut::Mode::kParallel);
  const LoadgenResult r = sim.run(server(1000, 2500, kMs));
  ASSERT_EQ(r.query_count, 2500u);
  EXPECT_EQ(r.latencies_ns[0], kMs);
  EXPECT_EQ(r.latencies_ns[249], 5 * kMs);
  EXPECT_EQ(r.overlatency_count, 10u);
  EXPECT_EQ(r.latency.target_percentile_ns, kMs);  // sorted[2475] is still 1 ms
  EXPECT_EQ(r.issue_lateness_max_ns, 0);
  // (n - 1) / completion time of the last query, and / its scheduled time.
  const double done_s = static_cast<double>(r.final_query_all_samples_done_ns) * 1e-9;
  EXPECT_DOUBLE_EQ(r.completed_samples_per_sec, 2499 / done_s);
  EXPECT_EQ(r.final_query_all_samples_done_ns, r.final_query_scheduled_ns + 5 * kMs);  // k = 2499
  EXPECT_TRUE(r.valid) << r.invalid_reasons.at(0);
}

TEST(Server, ValidityFlipsWhenTheBoundIsCrossed) {
  for (const std::int64_t bound : {kMs, kMs - 1}) {
    SimulatedRun sim(mostly_one_ms, SimulatedSut::Mode::kParallel);
    const LoadgenResult r = sim.run(server(1000, 2500, bound));
    const bool within = bound == kMs;
    EXPECT_EQ(r.perf_constraints_met, within) << bound;
    EXPECT_EQ(r.valid, within) << bound;
    if (!within) {
      EXPECT_NE(r.invalid_reasons.at(0).find("99.00 percentile latency 1000000 ns exceeds the "
                                             "999999 ns bound"),
                std::string::npos)
          << r.invalid_reasons.at(0);
      EXPECT_EQ(r.recommendations.at(0), "Reduce target QPS to improve latency.");
    }
  }
}

TEST(Server, EarlyStoppingCanFailWhileTheP99Passes) {
  // 9 of 1000 queries take 5 ms: sorted[990] is still 1 ms, so the p99 meets a 1 ms bound, but
  // t = 9 over-latency queries need n >= h(9) + 9 = 1874 (Python's exact binomial sums).
  SimulatedRun sim([](std::uint64_t k) { return k % 100 == 99 && k < 900 ? 5 * kMs : kMs; },
                   SimulatedSut::Mode::kParallel);
  const LoadgenResult r = sim.run(server(1000, 1000, kMs));
  EXPECT_EQ(r.query_count, 1000u);
  EXPECT_EQ(r.overlatency_count, 9u);
  EXPECT_TRUE(r.perf_constraints_met);
  EXPECT_EQ(r.early_stopping.min_queries, 1874);
  EXPECT_FALSE(r.early_stopping_met);
  EXPECT_FALSE(r.valid);
  ASSERT_EQ(r.invalid_reasons.size(), 1u);
  EXPECT_NE(r.invalid_reasons[0].find("early stopping not met"), std::string::npos);
}

TEST(Server, ASutThatFallsBehindPaysForItsQueue) {
  // A single server needing 1 ms per query, offered 100,000 queries/s: every query waits for all
  // earlier ones, so the last of 1000 completes at 1000 ms whatever its arrival time.
  SimulatedRun sim(fixed_latency(kMs), SimulatedSut::Mode::kQueue);
  const LoadgenResult r = sim.run(server(100'000, 1000, 10 * kMs));
  EXPECT_EQ(r.final_query_all_samples_done_ns, 1000 * kMs);
  EXPECT_EQ(r.latencies_ns.back(), 1000 * kMs - r.final_query_scheduled_ns);
  EXPECT_GT(r.issue_lateness_max_ns, 900 * kMs);
  EXPECT_NEAR(r.completed_samples_per_sec, 999.0, 1e-9);
  EXPECT_FALSE(r.perf_constraints_met);
  EXPECT_FALSE(r.valid);
}

TEST(Server, TraceIsGeneratedUntilMinDurationAndMinQueries) {
  SimulatedRun sim(fixed_latency(kUs), SimulatedSut::Mode::kParallel);
  LoadgenSettings s = server(1000, 100, kMs);
  s.min_duration_s = 2.0;
  const LoadgenResult r = sim.run(s);
  // The last arrival is the first at or after 2 s; about 2000 arrivals at 1000/s.
  EXPECT_GE(r.final_query_scheduled_ns, 2000 * kMs);
  EXPECT_TRUE(r.min_duration_met);
  EXPECT_NEAR(static_cast<double>(r.query_count), 2000.0, 200.0);  // Poisson: sd ≈ 45
  EXPECT_TRUE(r.valid);
}

TEST(Server, EarlyStoppingThresholdsMatchLoadGen) {
  // Reference table: t = 0, 1, 10 need n >= 459, 662, 2010 (LoadGen notes §2.2; Python check).
  EXPECT_TRUE(detail::server_early_stopping(459, 0, 0.99).passed);
  EXPECT_FALSE(detail::server_early_stopping(458, 0, 0.99).passed);
  EXPECT_TRUE(detail::server_early_stopping(662, 1, 0.99).passed);
  EXPECT_FALSE(detail::server_early_stopping(661, 1, 0.99).passed);
  EXPECT_TRUE(detail::server_early_stopping(2010, 10, 0.99).passed);
  const EarlyStopping fail = detail::server_early_stopping(2009, 10, 0.99);
  EXPECT_FALSE(fail.passed);
  EXPECT_EQ(fail.min_queries, 2010);
  EXPECT_NE(fail.text.find("Would need to run at least 1 more queries"), std::string::npos);
}

TEST(Offline, ThroughputIsSamplesOverTheLastCompletion) {
  SimClock clock;
  IndexSampleLibrary qsl("qsl", 1000, 1000);
  // A batching SUT simulated inline: 256-sample batches of 1 ms each.
  class BatchSim final : public SystemUnderTest {
   public:
    explicit BatchSim(SimClock& c) : clock_(c) {}
    std::string name() const override { return "batch-sim"; }
    void issue_query(std::span<const QuerySample> s, Completer& done) override {
      for (std::size_t i = 0; i < s.size(); i += 256) {
        clock_.set(clock_.now_ns() + kMs);
        done.complete(s.subspan(i, std::min<std::size_t>(256, s.size() - i)));
      }
    }

   private:
    SimClock& clock_;
  } sut(clock);
  LoadgenSettings s = default_settings(Scenario::kOffline);
  s.samples_per_query = 4096;
  s.min_sample_count = 4096;
  s.min_duration_s = 0.016;
  const LoadgenResult r = run_scenario(sut, qsl, s, clock);
  EXPECT_EQ(r.sample_count, 4096u);
  EXPECT_EQ(r.max_completion_ns, 16 * kMs);  // 16 batches
  EXPECT_DOUBLE_EQ(r.samples_per_second, 4096 / 0.016);
  EXPECT_EQ(r.latencies_ns.size(), 4096u);  // per sample, measured from the start
  EXPECT_EQ(r.latencies_ns.front(), kMs);
  EXPECT_EQ(r.latencies_ns.back(), 16 * kMs);
  EXPECT_TRUE(r.valid) << r.invalid_reasons.at(0);
  s.min_duration_s = 0.017;
  SimClock clock2;
  BatchSim sut2(clock2);
  const LoadgenResult short_run = run_scenario(sut2, qsl, s, clock2);
  EXPECT_FALSE(short_run.min_duration_met);
  EXPECT_NE(short_run.recommendations.at(0).find("expected QPS"), std::string::npos);
}

TEST(Offline, QuerySizeFollowsLoadGenFromTheExpectedQps) {
  LoadgenSettings s = default_settings(Scenario::kOffline);
  s.target_qps = 10'000;
  s.min_duration_s = 2;
  s.min_sample_count = 100;
  EXPECT_EQ(SimulatedRun(fixed_latency(kMs), 1000, 1000).run(s).sample_count,
            22'000u);  // 1.1 × 2 s × 10,000/s
  s.min_sample_count = 30'000;
  EXPECT_EQ(SimulatedRun(fixed_latency(kMs), 1000, 1000).run(s).sample_count, 30'000u);
}

TEST(Completions, RepeatedCompletionsMakeTheRunInvalid) {
  SimClock clock;
  class Twice final : public SystemUnderTest {
   public:
    std::string name() const override { return "twice"; }
    void issue_query(std::span<const QuerySample> s, Completer& done) override {
      done.complete(s);
      done.complete(s);
      done.complete(QuerySample{1'000'000'000, 0});  // an id the run never issued
    }
  } sut;
  IndexSampleLibrary qsl("qsl", 10, 10);
  LoadgenSettings s = expecting_1ms(Scenario::kSingleStream);
  s.min_duration_s = 0;
  const LoadgenResult r = run_scenario(sut, qsl, s, clock);
  EXPECT_EQ(r.num_errors, 2 * r.query_count);
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.invalid_reasons.back().find("repeated or had unknown ids"), std::string::npos);
}

}  // namespace
}  // namespace tinyperf::loadgen
