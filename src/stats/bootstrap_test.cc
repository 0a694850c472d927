#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "resample_rng.h"
#include "test_util.h"
#include "tinyperf/stats/compare.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;
using Sample = std::vector<double>;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

double sorted_median(Sample v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// numpy's linear percentile (a + (b - a) g, from the nearer end) on a sorted vector.
double type7(const Sample& sorted, double p) {
  const double rank = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(rank);
  if (i + 1 >= sorted.size()) return sorted.back();
  const double g = rank - static_cast<double>(i);
  const double a = sorted[i], b = sorted[i + 1];
  return g >= 0.5 ? b - (b - a) * (1.0 - g) : a + (b - a) * g;
}

// The textbook bootstrap with the library's index stream: build each resample, take its median by
// sorting. Independent sides draw positions of the sorted sides (A first, then B); paired
// resamples draw round indices.
Interval reference_interval(const Sample& a, const Sample& b, std::size_t resamples,
                            std::uint64_t seed, bool paired) {
  Sample sa = a, sb = b;
  if (!paired) {
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
  }
  detail::ResampleRng rng(seed);
  Sample ratios, ra(a.size()), rb(b.size());
  for (std::size_t r = 0; r < resamples; ++r) {
    if (paired) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::uint32_t round = rng.index(static_cast<std::uint32_t>(a.size()));
        ra[i] = sa[round];
        rb[i] = sb[round];
      }
    } else {
      for (double& x : ra) x = sa[rng.index(static_cast<std::uint32_t>(sa.size()))];
      for (double& x : rb) x = sb[rng.index(static_cast<std::uint32_t>(sb.size()))];
    }
    ratios.push_back(sorted_median(ra) / sorted_median(rb));
  }
  std::sort(ratios.begin(), ratios.end());
  // (1 - 0.95) / 2 * 100 is 2.5000000000000022 in doubles; use the library's arithmetic so the
  // comparison can be exact.
  const double tail = (1.0 - 0.95) / 2.0 * 100.0;
  return Interval{type7(ratios, tail), type7(ratios, 100.0 - tail)};
}

Sample lognormal_sample(std::size_t n, double sigma, double scale, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> dist(0.0, sigma);
  Sample v(n);
  for (double& x : v) x = scale * dist(rng);
  return v;
}

TEST(Bootstrap, CountingMediansMatchTheTextbookResampler) {
  // Odd and even sizes, ties (rounded values), both modes: the same draws give the same interval.
  for (const bool paired : {false, true}) {
    for (const auto& [na, nb] : {std::pair<std::size_t, std::size_t>{31, 31}, {40, 40}, {1, 1}}) {
      Sample a = lognormal_sample(na, 0.2, 10.0, na), b = lognormal_sample(nb, 0.2, 9.0, nb + 1);
      for (double& x : b) x = std::round(x * 4.0) / 4.0;  // ties
      const Interval got = bootstrap_speedup_interval(a, b, 10'000, 99, paired);
      const Interval want = reference_interval(a, b, 10'000, 99, paired);
      EXPECT_EQ(got.lo, want.lo) << na << " paired " << paired;
      EXPECT_EQ(got.hi, want.hi) << na << " paired " << paired;
    }
  }
  const Sample a = lognormal_sample(25, 0.2, 10.0, 5), b = lognormal_sample(36, 0.2, 9.0, 6);
  const Interval got = bootstrap_speedup_interval(a, b, 10'000, 3, false);
  const Interval want = reference_interval(a, b, 10'000, 3, false);
  EXPECT_EQ(got.lo, want.lo);
  EXPECT_EQ(got.hi, want.hi);
}

TEST(Bootstrap, IsDeterministicForASeed) {
  const Sample a = lognormal_sample(50, 0.1, 10.0, 1), b = lognormal_sample(50, 0.1, 10.0, 2);
  const Interval first = bootstrap_speedup_interval(a, b, 10'000, 123, false);
  const Interval again = bootstrap_speedup_interval(a, b, 10'000, 123, false);
  const Interval other = bootstrap_speedup_interval(a, b, 10'000, 124, false);
  EXPECT_EQ(first.lo, again.lo);
  EXPECT_EQ(first.hi, again.hi);
  EXPECT_NE(first.lo, other.lo);
  EXPECT_LT(first.lo, first.hi);
}

TEST(Bootstrap, PairedResamplingKeepsRoundsTogether) {
  // B[i] = A[i] / 2 exactly: every paired resample has ratio exactly 2, while independent
  // resampling of the same values spreads around 2.
  const Sample a = lognormal_sample(60, 0.3, 10.0, 8);
  Sample b = a;
  for (double& x : b) x /= 2.0;
  const Interval paired = bootstrap_speedup_interval(a, b, 10'000, 1, true);
  EXPECT_EQ(paired.lo, 2.0);
  EXPECT_EQ(paired.hi, 2.0);
  const Interval independent = bootstrap_speedup_interval(a, b, 10'000, 1, false);
  EXPECT_LT(independent.lo, 1.9);
  EXPECT_GT(independent.hi, 2.1);
}

TEST(Bootstrap, NarrowsWithConfidence) {
  const Sample a = lognormal_sample(80, 0.1, 10.0, 11), b = lognormal_sample(80, 0.1, 9.0, 12);
  const Interval wide = bootstrap_speedup_interval(a, b, 10'000, 5, false, 0.99);
  const Interval narrow = bootstrap_speedup_interval(a, b, 10'000, 5, false, 0.5);
  EXPECT_LT(wide.lo, narrow.lo);
  EXPECT_GT(wide.hi, narrow.hi);
}

TEST(Bootstrap, RejectsBadInput) {
  const Sample ok{1, 2, 3};
  expect_input_error([&] { bootstrap_speedup_interval(Sample{}, ok, 10'000, 1, false); },
                     {"baseline (a)", "empty"});
  expect_input_error(
      [&] {
        bootstrap_speedup_interval(ok, Sample{1, kNan}, 10'000, 1, false);
      },
      {"candidate (b)", "index 1"});
  expect_input_error(
      [&] {
        bootstrap_speedup_interval(Sample{1, 0, 2}, ok, 10'000, 1, false);
      },
      {"baseline (a)", "index 1", "> 0"});
  expect_input_error(
      [&] {
        bootstrap_speedup_interval(ok, Sample{1, 2}, 10'000, 1, true);
      },
      {"paired", "3", "2"});
  expect_input_error([&] { bootstrap_speedup_interval(ok, ok, 9'999, 1, false); },
                     {"resamples", "9999"});
  for (const double c : {0.0, 1.0, kNan}) {
    expect_input_error([&] { bootstrap_speedup_interval(ok, ok, 10'000, 1, false, c); },
                       {"confidence"});
  }
}

TEST(ResampleRng, DrawsEveryIndexUniformly) {
  detail::ResampleRng rng(2024);
  std::vector<int> hits(3, 0);
  for (int i = 0; i < 30'000; ++i) ++hits.at(rng.index(3));
  // Each count is Binomial(30000, 1/3): sd 81.6, so +-500 is over 6 sd.
  for (const int h : hits) EXPECT_NEAR(h, 10'000, 500);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.index(1), 0u);
}

}  // namespace
}  // namespace tinyperf::stats
