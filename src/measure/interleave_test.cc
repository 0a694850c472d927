#include "tinyperf/measure/interleave.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/compare.h"

namespace tinyperf::measure {
namespace {

InterleaveSettings plain(std::size_t rounds, RunOrder order = RunOrder::kInterleaved) {
  InterleaveSettings s;
  s.warmup = {.mode = WarmupMode::kCount, .runs = 0};
  s.rounds = rounds;
  s.calls_per_round = 1;
  s.warm_calls_per_round = 0;
  s.order = order;
  return s;
}

// A model whose cost rises linearly with (fake) time: 100 us at t = 0, +1 us per 600 us elapsed,
// so over the 400 calls below it goes from 100 us to about 200 us.
struct DriftingModel {
  ManualClock& clock;
  void operator()() const {
    const double t = static_cast<double>(clock.peek_ns());
    clock.advance(static_cast<std::int64_t>(100'000.0 + t / 600.0));
  }
};

stats::Comparison compare_a_with_b(const InterleavedMeasurement& m, bool paired) {
  stats::CompareOptions options;
  options.paired = paired;
  return stats::compare(m.samples_ns[0], m.samples_ns[1], options);
}

// The same model twice. Measured A-then-B, drift makes B look slower; in shuffled rounds the drift
// falls on both alike and the speedup is 1 within the noise band.
TEST(Interleave, DriftBiasesSequentialRunsButNotInterleavedOnes) {
  ManualClock seq_clock;
  const std::vector<std::function<void()>> seq_models = {DriftingModel{seq_clock},
                                                         DriftingModel{seq_clock}};
  const auto seq = measure_interleaved(seq_models, plain(200, RunOrder::kSequential), seq_clock);
  const stats::Comparison biased = compare_a_with_b(seq, false);
  EXPECT_LT(biased.speedup, 0.8);  // identical models, yet B "0.7x as fast"
  EXPECT_EQ(biased.verdict, stats::Verdict::kSlower);

  ManualClock int_clock;
  const std::vector<std::function<void()>> int_models = {DriftingModel{int_clock},
                                                         DriftingModel{int_clock}};
  const auto inter = measure_interleaved(int_models, plain(200), int_clock);
  const stats::Comparison fair = compare_a_with_b(inter, true);
  EXPECT_NEAR(fair.speedup, 1.0, 0.005);
  EXPECT_EQ(fair.verdict, stats::Verdict::kNoChange);
}

TEST(Interleave, EveryVariantGetsOneSamplePerRoundAndTheOrderIsBalanced) {
  ManualClock clock;
  std::vector<std::function<void()>> variants;
  for (int v = 0; v < 3; ++v) variants.push_back([&clock, v] { clock.advance(1000 * (v + 1)); });
  const auto m = measure_interleaved(variants, plain(300), clock);
  ASSERT_EQ(m.samples_ns.size(), 3u);
  EXPECT_EQ(m.rounds, 300u);
  for (int v = 0; v < 3; ++v) {
    ASSERT_EQ(m.samples_ns[v].size(), 300u);
    EXPECT_EQ(m.samples_ns[v][17], 1000.0 * (v + 1));
    EXPECT_GT(m.first_in_round[v], 70u);  // ~100 each; a fixed order would give 300, 0, 0
    EXPECT_LT(m.first_in_round[v], 130u);
  }
  EXPECT_EQ(m.order, RunOrder::kInterleaved);
  EXPECT_EQ(m.seed, InterleaveSettings{}.seed);
}

std::vector<int> call_order(std::uint64_t seed, RunOrder order) {
  ManualClock clock;
  std::vector<int> calls;
  std::vector<std::function<void()>> variants;
  for (int v = 0; v < 3; ++v)
    variants.push_back([&calls, &clock, v] {
      calls.push_back(v);
      clock.advance(5000);
    });
  InterleaveSettings s = plain(20, order);
  s.seed = seed;
  measure_interleaved(variants, s, clock);
  return calls;
}

TEST(Interleave, TheSameSeedGivesTheSameOrderAndAnotherSeedAnother) {
  EXPECT_EQ(call_order(1, RunOrder::kInterleaved), call_order(1, RunOrder::kInterleaved));
  EXPECT_NE(call_order(1, RunOrder::kInterleaved), call_order(2, RunOrder::kInterleaved));
}

TEST(Interleave, SequentialOrderRunsEachVariantToTheEndBeforeTheNext) {
  const std::vector<int> calls = call_order(1, RunOrder::kSequential);
  ASSERT_EQ(calls.size(), 60u);
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));
}

TEST(Interleave, MinimumDurationAddsRounds) {
  ManualClock clock;
  const std::vector<std::function<void()>> variants = {[&] { clock.advance(1'000'000); },
                                                       [&] { clock.advance(1'000'000); }};
  InterleaveSettings s = plain(5);
  s.min_duration_s = 0.1;
  const auto m = measure_interleaved(variants, s, clock);
  EXPECT_EQ(m.rounds, 50u);  // 2 ms a round
  EXPECT_DOUBLE_EQ(m.measured_seconds, 0.1);
}

TEST(Interleave, AutoBlockSizeComesFromTheShortestVariantAndIsShared) {
  ManualClock clock;
  const std::vector<std::function<void()>> variants = {[&] { clock.advance(50); },
                                                       [&] { clock.advance(10); }};
  InterleaveSettings s = plain(4);
  s.calls_per_round = 0;
  const auto m = measure_interleaved(variants, s, clock);
  EXPECT_EQ(m.calls_per_round, 1000u);
  EXPECT_DOUBLE_EQ(m.samples_ns[0][0], 50.0);
  EXPECT_DOUBLE_EQ(m.samples_ns[1][0], 10.0);
}

TEST(Interleave, WarmsUpEachVariantWithThePolicy) {
  ManualClock clock;
  std::size_t a = 0, b = 0;
  const std::vector<std::function<void()>> variants = {[&] {
                                                         ++a;
                                                         clock.advance(2000);
                                                       },
                                                       [&] {
                                                         ++b;
                                                         clock.advance(2000);
                                                       }};
  InterleaveSettings s = plain(10);
  s.warmup = {.mode = WarmupMode::kCount, .runs = 4};
  const auto m = measure_interleaved(variants, s, clock);
  EXPECT_EQ(a, 14u);
  EXPECT_EQ(b, 14u);
  EXPECT_EQ(m.warmup_runs, (std::vector<std::size_t>{4, 4}));
  EXPECT_EQ(m.warmup_policy, "count(runs=4)");
}

TEST(Interleave, RejectsNoVariantsAndBadSettings) {
  ManualClock clock;
  EXPECT_THROW(measure_interleaved({}, plain(3), clock), InputError);
  const std::vector<std::function<void()>> one = {[&] { clock.advance(1000); }};
  InterleaveSettings s = plain(0);
  try {
    measure_interleaved(one, s, clock);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("rounds"), std::string::npos);
  }
}

}  // namespace
}  // namespace tinyperf::measure

namespace tinyperf::measure {
namespace {

// Two identical models sharing one cache: a call costs 100 us when the cache still holds the
// caller's data (the previous call was the same model) and 150 us after the other model ran.
struct CacheSharingModel {
  ManualClock& clock;
  int& cache_owner;
  int id;
  void operator()() const {
    clock.advance(cache_owner == id ? 100'000 : 150'000);
    cache_owner = id;
  }
};

TEST(Interleave, WarmCallsMeasureEachVariantInItsOwnCacheState) {
  for (const std::size_t warm : {std::size_t{0}, std::size_t{1}}) {
    ManualClock clock;
    int owner = -1;
    const std::vector<std::function<void()>> models = {CacheSharingModel{clock, owner, 0},
                                                       CacheSharingModel{clock, owner, 1}};
    InterleaveSettings s = plain(200);
    s.warm_calls_per_round = warm;
    const auto m = measure_interleaved(models, s, clock);
    EXPECT_EQ(m.warm_calls_per_round, warm);
    for (const auto& samples : m.samples_ns) {
      const double cold =
          static_cast<double>(std::count(samples.begin(), samples.end(), 150'000.0));
      if (warm == 0) {
        // The second model of every round, and the first of about half the rounds, run cold.
        EXPECT_GT(cold, 0.6 * 200);
      } else {
        EXPECT_EQ(cold, 0.0);  // every timed call finds its own data
      }
    }
  }
}

TEST(Interleave, SequentialOrderMakesNoWarmCalls) {
  ManualClock clock;
  std::size_t calls = 0;
  const std::vector<std::function<void()>> models = {[&] {
                                                       ++calls;
                                                       clock.advance(10);
                                                     },
                                                     [&] {
                                                       ++calls;
                                                       clock.advance(10);
                                                     }};
  InterleaveSettings s = plain(50, RunOrder::kSequential);
  s.warm_calls_per_round = 3;
  const auto m = measure_interleaved(models, s, clock);
  EXPECT_EQ(m.warm_calls_per_round, 0u);
  EXPECT_EQ(calls, 100u);
}

TEST(RunSchedule, EveryRoundIsAPermutation) {
  const std::vector<std::size_t> order = run_schedule(3, 50, 7);
  ASSERT_EQ(order.size(), 150u);
  std::vector<std::size_t> first(3, 0);
  for (std::size_t r = 0; r < 50; ++r) {
    std::vector<std::size_t> round(order.begin() + 3 * r, order.begin() + 3 * r + 3);
    ++first[round[0]];
    std::sort(round.begin(), round.end());
    EXPECT_EQ(round, (std::vector<std::size_t>{0, 1, 2})) << "round " << r;
  }
  // Shuffled, not rotated: every variant starts some rounds (50 rounds, p(a variant never
  // first) = (2/3)^50 < 1e-8).
  for (std::size_t v = 0; v < 3; ++v) EXPECT_GT(first[v], 0u) << v;
}

TEST(RunSchedule, SameSeedSameOrder) {
  EXPECT_EQ(run_schedule(2, 10, 1), run_schedule(2, 10, 1));
  EXPECT_NE(run_schedule(4, 10, 1), run_schedule(4, 10, 2));
  EXPECT_EQ(run_schedule(1, 3, 5), (std::vector<std::size_t>{0, 0, 0}));
}

TEST(RunSchedule, RefusesZeroCounts) {
  EXPECT_THROW(run_schedule(0, 3, 1), InputError);
  EXPECT_THROW(run_schedule(2, 0, 1), InputError);
}

}  // namespace
}  // namespace tinyperf::measure
