#include "tinyperf/stats/compare.h"

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

#include "test_util.h"
#include "tinyperf/stats/hypothesis.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;
using Sample = std::vector<double>;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Sample lognormal_sample(std::size_t n, double sigma, double scale, std::mt19937_64& rng) {
  std::lognormal_distribution<double> dist(0.0, sigma);
  Sample v(n);
  for (double& x : v) x = scale * dist(rng);
  return v;
}

TEST(Verdict, HasTheSpecNames) {
  EXPECT_EQ(to_string(Verdict::kFaster), "faster");
  EXPECT_EQ(to_string(Verdict::kSlower), "slower");
  EXPECT_EQ(to_string(Verdict::kNoChange), "no_change");
  EXPECT_EQ(to_string(Verdict::kInconclusive), "inconclusive");
}

TEST(Verdict, ParsesItsNamesAndRefusesOthers) {
  for (const Verdict v :
       {Verdict::kFaster, Verdict::kSlower, Verdict::kNoChange, Verdict::kInconclusive}) {
    EXPECT_EQ(parse_verdict(to_string(v)), v);
  }
  EXPECT_THROW(parse_verdict("Faster"), InputError);
  EXPECT_THROW(parse_verdict(""), InputError);
}

TEST(Decide, NeedsSignificanceAndAnIntervalOutsideTheBand) {
  EXPECT_EQ(decide(0.01, {1.02, 1.05}, 0.05, 0.01), Verdict::kFaster);
  EXPECT_EQ(decide(0.01, {0.90, 0.98}, 0.05, 0.01), Verdict::kSlower);
  EXPECT_EQ(decide(0.20, {1.02, 1.05}, 0.05, 0.01), Verdict::kInconclusive);   // not significant
  EXPECT_EQ(decide(0.01, {1.005, 1.05}, 0.05, 0.01), Verdict::kInconclusive);  // straddles 1.01
  EXPECT_EQ(decide(0.01, {1.01, 1.05}, 0.05, 0.01), Verdict::kInconclusive);   // touches the band
  EXPECT_EQ(decide(0.05, {1.02, 1.05}, 0.05, 0.01), Verdict::kInconclusive);   // p == alpha
}

TEST(Decide, NoChangeWhenTheWholeIntervalIsInsideTheBand) {
  EXPECT_EQ(decide(0.50, {0.995, 1.005}, 0.05, 0.01), Verdict::kNoChange);
  EXPECT_EQ(decide(0.001, {0.99, 1.01}, 0.05, 0.01), Verdict::kNoChange);  // closed band
  EXPECT_EQ(decide(0.50, {0.985, 1.005}, 0.05, 0.01), Verdict::kInconclusive);
  EXPECT_EQ(decide(0.50, {1.0, 1.0}, 0.05, 0.0), Verdict::kNoChange);
}

TEST(Decide, RejectsBadArguments) {
  expect_input_error([] { decide(1.5, {1, 1}, 0.05, 0.01); }, {"p_value"});
  expect_input_error([] { decide(kNan, {1, 1}, 0.05, 0.01); }, {"p_value"});
  expect_input_error([] { decide(0.5, {1, 1}, 0.0, 0.01); }, {"alpha"});
  expect_input_error([] { decide(0.5, {1, 1}, 0.05, -0.01); }, {"noise"});
  expect_input_error([] { decide(0.5, {1, 1}, 0.05, kInf); }, {"noise"});
  expect_input_error([] { decide(0.5, {1.2, 1.1}, 0.05, 0.01); }, {"interval"});
  expect_input_error([] { decide(0.5, {kNan, 1.1}, 0.05, 0.01); }, {"interval"});
}

TEST(Compare, CombinesTheParts) {
  const Sample a{10.1, 10.4, 9.8, 10.0, 10.3, 9.9, 10.2};
  const Sample b{10.9, 11.6, 10.5, 12.1, 11.0};
  const Comparison c = compare(a, b);
  EXPECT_DOUBLE_EQ(c.speedup, 10.1 / 11.0);
  EXPECT_EQ(c.p_value, mann_whitney_u(a, b).p_value);
  EXPECT_NEAR(c.welch_p_value, 0.014057100237888309, 1e-10);  // hypothesis_test.cc
  EXPECT_EQ(c.hodges_lehmann_shift, 1.0);
  EXPECT_NEAR(c.cohens_d, 2.5913709549433892, 1e-12);
  EXPECT_LE(c.speedup_ci95.lo, c.speedup);
  EXPECT_GE(c.speedup_ci95.hi, c.speedup);
  EXPECT_EQ(c.verdict, decide(c.p_value, c.speedup_ci95, 0.05, 0.01));
  // All 35 pairs favour a (exact p = 2/C(12, 5) = 0.00253) and the interval lies below 0.99.
  EXPECT_EQ(c.verdict, Verdict::kSlower);
  // Robust cvs (python3 statistics: 1.482602218505602 * median(|x - median|) / median): a
  // 0.0293585 (MAD 0.2 of median 10.1), b 0.0673910 (MAD 0.5 of median 11); their quadratic mean
  // 0.0519782 gives 2 ((1.959964 + 0.841621) 0.0519782 / 0.01)^2 = 424.11, so 425 runs.
  EXPECT_EQ(c.required_runs, 425u);
  EXPECT_GT(c.required_runs, required_runs(0.029358459772388056, 0.01));  // b is noisier than a
}

TEST(Compare, OneValuePerSide) {
  const Comparison c = compare(Sample{2.0}, Sample{1.0});
  EXPECT_EQ(c.speedup, 2.0);
  EXPECT_EQ(c.welch_p_value, 1.0);
  EXPECT_EQ(c.p_value, 1.0);
  EXPECT_EQ(c.speedup_ci95.lo, 2.0);
  EXPECT_EQ(c.verdict, Verdict::kInconclusive);
  EXPECT_EQ(c.required_runs, 2u);
}

TEST(Compare, RejectsBadInput) {
  const Sample ok{1, 2, 3};
  expect_input_error([&] { compare(Sample{}, ok); }, {"baseline (a)", "empty"});
  expect_input_error([&] { compare(ok, Sample{1, 2, kInf}); }, {"candidate (b)", "index 2"});
  expect_input_error([&] { compare(ok, Sample{1, -2}); }, {"candidate (b)", "index 1"});
  CompareOptions paired;
  paired.paired = true;
  expect_input_error([&] { compare(ok, Sample{1, 2}, paired); }, {"paired"});
  CompareOptions bad_alpha;
  bad_alpha.alpha = 1.0;
  expect_input_error([&] { compare(ok, ok, bad_alpha); }, {"alpha"});
  CompareOptions bad_noise;
  bad_noise.noise = -1.0;
  expect_input_error([&] { compare(ok, ok, bad_noise); }, {"noise"});
  CompareOptions few;
  few.resamples = 1'000;
  expect_input_error([&] { compare(ok, ok, few); }, {"resamples"});
  CompareOptions bad_delta;
  bad_delta.required_runs_delta = 0.0;
  expect_input_error([&] { compare(ok, ok, bad_delta); }, {"required_runs_delta"});
}

// A/A: both sides from the same lognormal (cv ~ 10 %), 50 values each, for 200 seeds. A verdict
// of faster or slower needs p < 0.05, which under H0 happens with probability <= 0.05 per seed,
// so the count of such verdicts is stochastically below Binomial(200, 0.05) (mean 10). Its 99.9 %
// quantile is 21 (python: smallest k with sum_{i<=k} C(200, i) 0.05^i 0.95^(200-i) >= 0.999,
// cumulative 0.99952), so more than 21 would reject "rate <= alpha" at the 0.1 % level. The seeds
// are fixed, so the test is deterministic.
// The same bound applies to the Mann-Whitney p-values alone (p < alpha at most at rate alpha).
TEST(Compare, AaTestClaimsADifferenceAtMostAtRateAlpha) {
  int claims = 0;
  int significant = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    std::mt19937_64 rng(seed);
    const Sample a = lognormal_sample(50, 0.1, 10.0, rng);
    const Sample b = lognormal_sample(50, 0.1, 10.0, rng);
    CompareOptions options;
    options.seed = seed;
    const Comparison c = compare(a, b, options);
    claims += c.verdict == Verdict::kFaster || c.verdict == Verdict::kSlower;
    significant += c.p_value < options.alpha;
  }
  EXPECT_LE(claims, 21);
  EXPECT_LE(significant, 21);
}

// Power: cv ~ 5 %, 200 values per side, B 5 % faster. The median ratio's standard error is about
// sqrt(2) * 1.2533 * 0.05 / sqrt(200) = 0.0063, so the 95 % interval sits near [1.04, 1.065],
// far above 1.01, and the Mann-Whitney p is far below 0.05: essentially every seed must say
// faster (and slower for the mirrored shift). At most 1 miss out of 30 per direction is allowed.
TEST(Compare, FindsAFivePercentShift) {
  int faster = 0, slower = 0;
  constexpr int kSeeds = 30;
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(1000 + seed);
    const Sample a = lognormal_sample(200, 0.05, 10.0, rng);
    const Sample quick = lognormal_sample(200, 0.05, 9.5, rng);
    const Sample slow = lognormal_sample(200, 0.05, 10.5, rng);
    CompareOptions options;
    options.seed = seed;
    faster += compare(a, quick, options).verdict == Verdict::kFaster;
    slower += compare(a, slow, options).verdict == Verdict::kSlower;
  }
  EXPECT_GE(faster, kSeeds - 1);
  EXPECT_GE(slower, kSeeds - 1);
}

TEST(Compare, PairedRoundsWithAConstantRatioAreCertain) {
  std::mt19937_64 rng(3);
  const Sample a = lognormal_sample(40, 0.2, 10.0, rng);
  Sample b = a;
  for (double& x : b) x *= 0.5;
  CompareOptions options;
  options.paired = true;
  const Comparison c = compare(a, b, options);
  EXPECT_EQ(c.speedup_ci95.lo, 2.0);
  EXPECT_EQ(c.speedup_ci95.hi, 2.0);
  EXPECT_EQ(c.verdict, Verdict::kFaster);
}

TEST(Compare, SamplesNearTheLargestDoubleGiveFiniteFigures) {
  // Six values at 1.7e308 against six at 1.6e308: every median (of the sides, of the bootstrap
  // resamples, of the pairwise differences) is a midpoint that must not overflow.
  const std::vector<double> a(6, 1.7e308);
  const std::vector<double> b(6, 1.6e308);
  const Comparison c = compare(a, b);
  EXPECT_DOUBLE_EQ(c.speedup, 1.7 / 1.6);
  EXPECT_TRUE(std::isfinite(c.speedup_ci95.lo) && std::isfinite(c.speedup_ci95.hi));
  EXPECT_TRUE(std::isfinite(c.hodges_lehmann_shift));
  EXPECT_EQ(c.verdict, Verdict::kFaster);
}

}  // namespace
}  // namespace tinyperf::stats
