#include "tinyperf/stats/hypothesis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;
using Sample = std::vector<double>;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Reference values for Mann-Whitney come from python3 (stdlib only):
//   exact: U1 = sum of a's ranks - n1 (n1 + 1) / 2; under H0 a's ranks are a uniformly random
//     n1-subset of 1..N, so P(U >= u) = #{c in itertools.combinations(range(1, N + 1), n1) :
//     sum(c) - n1 (n1 + 1) / 2 >= u} / C(N, n1), counted with fractions.Fraction;
//     p = min(1, 2 P(U >= max(U1, n1 n2 - U1))).
//   asymptotic: mid-ranks for ties, T = sum(t^3 - t) over tie groups,
//     sigma = sqrt(n1 n2 / 12 ((n + 1) - T / (n (n - 1)))), z = (max(U1, U2) - n1 n2 / 2 - 0.5) /
//     sigma, p = min(1, math.erfc(z / sqrt(2))).

TEST(MannWhitneyU, ExactForSmallSamplesWithoutTies) {
  // Enumeration of the C(9, 4) = 126 rank subsets: U1 = 3, p = 14/126 = 1/9.
  const TestResult r = mann_whitney_u(Sample{1.1, 2.3, 3.5, 4.0}, Sample{2.0, 5.1, 6.2, 7.3, 8.4});
  EXPECT_EQ(r.statistic, 3.0);
  EXPECT_NEAR(r.p_value, 1.0 / 9.0, 1e-15);
}

TEST(MannWhitneyU, ExactAtCompleteSeparation) {
  // U1 = 0; only 1 of C(6, 3) = 20 subsets reaches U = 9 on each side: p = 2/20.
  const TestResult r = mann_whitney_u(Sample{1, 2, 3}, Sample{4, 5, 6});
  EXPECT_EQ(r.statistic, 0.0);
  EXPECT_NEAR(r.p_value, 0.1, 1e-15);
}

TEST(MannWhitneyU, ExactWhenOnlyOneSideIsSmall) {
  // n1 = 8, n2 = 12: scipy 1.11 stays exact (asymptotic only when both sides exceed 8).
  // Enumeration of C(20, 8) = 125,970 subsets: U1 = 14, p = 92/12597.
  const Sample a{10.2, 11.5, 9.8, 12.1, 10.9, 11.1, 9.5, 10.4};
  const Sample b{11.8, 12.6, 10.7, 13.2, 12.9, 11.9, 12.2, 13.5, 10.1, 12.4, 11.3, 13.9};
  const TestResult r = mann_whitney_u(a, b);
  EXPECT_EQ(r.statistic, 14.0);
  EXPECT_NEAR(r.p_value, 92.0 / 12597.0, 1e-15);
  // Swapping the samples reports the other U and the same p.
  const TestResult swapped = mann_whitney_u(b, a);
  EXPECT_EQ(swapped.statistic, 8.0 * 12.0 - 14.0);
  EXPECT_NEAR(swapped.p_value, r.p_value, 1e-15);
}

TEST(MannWhitneyU, SwitchesToTheNormalApproximationAboveEightPerSide) {
  // Complete separation. 8 vs 9: exact, 2 / C(17, 8) = 1/12155. 9 vs 9: asymptotic,
  // z = (81 - 40.5 - 0.5) / sqrt(81 / 12 * 19) -> p = 0.0004122948020616911 (the exact value
  // would be 2 / C(18, 9) = 4.11e-5, so the two methods are told apart).
  Sample a8{1, 2, 3, 4, 5, 6, 7, 8};
  const Sample b9{10, 11, 12, 13, 14, 15, 16, 17, 18};
  EXPECT_NEAR(mann_whitney_u(a8, b9).p_value, 1.0 / 12155.0, 1e-16);
  a8.push_back(9);
  EXPECT_NEAR(mann_whitney_u(a8, b9).p_value, 0.0004122948020616911, 1e-15);
}

TEST(MannWhitneyU, AsymptoticWithoutTies) {
  // n1 = 9, n2 = 10: U1 = 18, p = 0.030486156935263381 (formula above, no tie term).
  const Sample a{1.5, 2.7, 3.1, 4.8, 5.2, 6.9, 7.3, 8.6, 9.4};
  const Sample b{3.3, 5.9, 6.1, 7.7, 8.2, 9.9, 10.5, 11.2, 12.8, 13.1};
  const TestResult r = mann_whitney_u(a, b);
  EXPECT_EQ(r.statistic, 18.0);
  EXPECT_NEAR(r.p_value, 0.030486156935263381, 1e-13);
}

TEST(MannWhitneyU, TiesForceTheNormalApproximationWithTieCorrection) {
  // Small samples with ties (2 x3, 3 x3): asymptotic with T = 24 + 24: U1 = 6,
  // p = 0.11390314458853065.
  const TestResult r = mann_whitney_u(Sample{1, 2, 2, 3, 4}, Sample{2, 3, 3, 5, 6, 7});
  EXPECT_EQ(r.statistic, 6.0);
  EXPECT_NEAR(r.p_value, 0.11390314458853065, 1e-13);
  // A tie inside one sample counts too (scipy checks the pooled sample): U1 = 0, and the
  // tie-corrected normal p is 0.049745990721503014 where the exact one would be 2/C(7, 3) = 0.0571.
  const TestResult within = mann_whitney_u(Sample{1, 1, 2}, Sample{3, 4, 5, 6});
  EXPECT_EQ(within.statistic, 0.0);
  EXPECT_NEAR(within.p_value, 0.049745990721503014, 1e-13);
}

TEST(MannWhitneyU, IdenticalValuesGiveOne) {
  EXPECT_EQ(mann_whitney_u(Sample{3, 3, 3}, Sample{3, 3}).p_value, 1.0);
  EXPECT_EQ(mann_whitney_u(Sample{3}, Sample{4}).p_value, 1.0);  // exact: 2 * P(U >= 1) = 2 * 1/2
}

// The classic recurrence for the number of arrangements with U = k, f(m, n, k) =
// f(m - 1, n, k - n) + f(m, n - 1, k): an independent oracle for the q-binomial series.
double reference_exact_p(std::size_t m, std::size_t n, std::size_t u) {
  const std::size_t kmax = m * n;
  // table[i][j][k] for i <= m, j <= n, stored per (i, j) as a vector.
  std::vector<std::vector<std::vector<double>>> f(m + 1, std::vector<std::vector<double>>(n + 1));
  for (std::size_t i = 0; i <= m; ++i) {
    for (std::size_t j = 0; j <= n; ++j) {
      f[i][j].assign(kmax + 1, 0.0);
      if (i == 0 || j == 0) {
        f[i][j][0] = 1.0;
        continue;
      }
      for (std::size_t k = 0; k <= i * j; ++k) {
        f[i][j][k] = (k >= j ? f[i - 1][j][k - j] : 0.0) + f[i][j - 1][k];
      }
    }
  }
  double total = 0.0, upper = 0.0;
  for (std::size_t k = 0; k <= kmax; ++k) {
    total += f[m][n][k];
    if (k >= u) upper += f[m][n][k];
  }
  return std::min(1.0, 2.0 * upper / total);
}

TEST(MannWhitneyU, ExactDistributionMatchesTheClassicRecurrence) {
  std::mt19937_64 rng(42);
  for (const auto& [m, n] :
       {std::pair<std::size_t, std::size_t>{5, 40}, {8, 30}, {1, 25}, {7, 7}}) {
    // Distinct values: a random permutation of 0..m+n-1 split into a and b.
    std::vector<double> pooled(m + n);
    for (std::size_t i = 0; i < pooled.size(); ++i) pooled[i] = static_cast<double>(i);
    std::shuffle(pooled.begin(), pooled.end(), rng);
    const Sample a(pooled.begin(), pooled.begin() + static_cast<std::ptrdiff_t>(m));
    const Sample b(pooled.begin() + static_cast<std::ptrdiff_t>(m), pooled.end());
    const TestResult r = mann_whitney_u(a, b);
    const double u_max = std::max(r.statistic, static_cast<double>(m * n) - r.statistic);
    EXPECT_NEAR(r.p_value, reference_exact_p(m, n, static_cast<std::size_t>(u_max)), 1e-14)
        << m << " x " << n;
  }
}

TEST(MannWhitneyU, ExactApproachesTheNormalLimitForALargeSecondSample) {
  // 8 values against 2,000 (exact by scipy's rule): a's values sit among b's so that U1 is 35 %
  // of n1 n2. The exact p and the normal approximation (formula above, no ties) must be close,
  // which exercises the exact series far beyond anything enumerable.
  Sample a, b;
  for (int i = 0; i < 2000; ++i) b.push_back(i + 0.5);
  for (int i = 0; i < 8; ++i) a.push_back(100.0 * i + 350.0);  // 350 + 100 i values of b below
  const TestResult exact = mann_whitney_u(a, b);
  EXPECT_EQ(exact.statistic, 5600.0);  // sum of (350 + 100 i) = 35 % of 16,000
  const double n1 = 8.0, n2 = 2000.0, n = n1 + n2;
  const double u_max = std::max(exact.statistic, n1 * n2 - exact.statistic);
  const double z = (u_max - n1 * n2 / 2.0 - 0.5) / std::sqrt(n1 * n2 / 12.0 * (n + 1.0));
  const double normal_p = std::erfc(z / std::sqrt(2.0));
  EXPECT_GT(exact.p_value, 0.01);
  EXPECT_LT(exact.p_value, 0.9);
  EXPECT_NEAR(exact.p_value, normal_p, 0.01);
}

TEST(MannWhitneyU, RejectsBadSamples) {
  expect_input_error([] { mann_whitney_u(Sample{}, Sample{1}); }, {"sample a", "empty"});
  expect_input_error([] { mann_whitney_u(Sample{1}, Sample{2, kNan}); }, {"sample b", "index 1"});
}

// Welch references: t and the Welch-Satterthwaite df with python's statistics module; the
// two-sided p = 1 - 2 * integral_0^|t| of the Student-t density (via math.lgamma), by composite
// Simpson with 2,000,000 intervals (agrees with 500,000 intervals to 2e-14).

TEST(WelchT, MatchesTheReferenceIntegration) {
  // t = -2.3763541031440183, df = 6.9722557297949335, p = 0.049284338206675993.
  const TestResult r = welch_t_test(Sample{1, 2, 3, 4, 5}, Sample{2, 4, 6, 8, 10, 12});
  EXPECT_NEAR(r.statistic, -2.3763541031440183, 1e-13);
  EXPECT_NEAR(r.p_value, 0.049284338206675993, 1e-10);
  // t = -3.8176888633262176, df = 4.6779180543396333, p = 0.014057100237888309.
  const Sample a{10.1, 10.4, 9.8, 10.0, 10.3, 9.9, 10.2};
  const Sample b{10.9, 11.6, 10.5, 12.1, 11.0};
  const TestResult r2 = welch_t_test(a, b);
  EXPECT_NEAR(r2.statistic, -3.8176888633262176, 1e-12);
  EXPECT_NEAR(r2.p_value, 0.014057100237888309, 1e-10);
  const TestResult swapped = welch_t_test(b, a);
  EXPECT_NEAR(swapped.statistic, 3.8176888633262176, 1e-12);
  EXPECT_NEAR(swapped.p_value, r2.p_value, 1e-15);
}

TEST(WelchT, OneConstantSideUsesTheOtherSidesDegreesOfFreedom) {
  // [5,5,5] vs [1,2,3]: t = 3 / sqrt(1/3) = 3 sqrt(3), df = 2, and for df = 2 the t tail has the
  // closed form p = 1 - t / sqrt(t^2 + 2) = 1 - sqrt(27/29) = 0.035098718645984683.
  const TestResult r = welch_t_test(Sample{5, 5, 5}, Sample{1, 2, 3});
  EXPECT_NEAR(r.statistic, 5.196152422706632, 1e-13);
  EXPECT_NEAR(r.p_value, 0.035098718645984683, 1e-12);
}

TEST(WelchT, TwoConstantSamples) {
  const TestResult equal = welch_t_test(Sample{0.1, 0.1, 0.1}, Sample{0.1, 0.1, 0.1, 0.1});
  EXPECT_EQ(equal.statistic, 0.0);
  EXPECT_EQ(equal.p_value, 1.0);
  const TestResult different = welch_t_test(Sample{2, 2, 2}, Sample{3, 3});
  EXPECT_EQ(different.statistic, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(different.p_value, 0.0);
}

TEST(WelchT, NeedsTwoValuesPerSide) {
  expect_input_error([] { welch_t_test(Sample{1}, Sample{1, 2}); }, {"sample a", "at least 2"});
  expect_input_error([] { welch_t_test(Sample{1, 2}, Sample{3}); }, {"sample b", "at least 2"});
  expect_input_error([] { welch_t_test(Sample{1, kNan}, Sample{3, 4}); }, {"sample a", "index 1"});
  EXPECT_THROW(welch_t_test(Sample{}, Sample{3, 4}), InputError);
}

TEST(HodgesLehmann, IsTheMedianOfPairwiseDifferences) {
  // python: statistics.median([y - x for x in a for y in b]).
  EXPECT_EQ(hodges_lehmann_shift(Sample{1, 2, 3, 4, 5}, Sample{2, 4, 6, 8, 10, 12}), 4.0);
  EXPECT_EQ(hodges_lehmann_shift(Sample{10.1, 10.4, 9.8, 10.0, 10.3, 9.9, 10.2},
                                 Sample{10.9, 11.6, 10.5, 12.1, 11.0}),
            1.0);
  EXPECT_EQ(hodges_lehmann_shift(Sample{3}, Sample{1}), -2.0);
}

// Brute force: all differences, then the median by sorting.
double reference_hodges_lehmann(const Sample& a, const Sample& b) {
  Sample d;
  for (const double x : a)
    for (const double y : b) d.push_back(y - x);
  std::sort(d.begin(), d.end());
  const std::size_t n = d.size();
  return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0;
}

TEST(HodgesLehmann, MatchesBruteForceOnRandomSamples) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(0.0, 0.5);
  for (const auto& [n1, n2] : {std::pair<int, int>{1, 1}, {7, 9}, {40, 31}, {64, 64}, {100, 3}}) {
    Sample a(static_cast<std::size_t>(n1)), b(static_cast<std::size_t>(n2));
    for (double& x : a) x = dist(rng);
    for (double& x : b) x = dist(rng) - 0.3;
    EXPECT_EQ(hodges_lehmann_shift(a, b), reference_hodges_lehmann(a, b)) << n1 << " x " << n2;
  }
}

TEST(HodgesLehmann, FindsAnExactShiftInLargeSamples) {
  // b = a + 5 on integers: the differences j - i + 5 are symmetric about 5.
  Sample a(2000), b(2000);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<double>((i * 37) % 2000);
    b[i] = a[i] + 5.0;
  }
  EXPECT_EQ(hodges_lehmann_shift(a, b), 5.0);
}

TEST(HodgesLehmann, RejectsBadSamples) {
  expect_input_error([] { hodges_lehmann_shift(Sample{}, Sample{1}); }, {"sample a"});
  expect_input_error([] { hodges_lehmann_shift(Sample{1}, Sample{kNan}); },
                     {"sample b", "index 0"});
}

TEST(CohensD, UsesThePooledStandardDeviation) {
  // python: (mean(b) - mean(a)) / sqrt(((n1-1) var(a) + (n2-1) var(b)) / (n1 + n2 - 2)).
  EXPECT_NEAR(cohens_d(Sample{1, 2, 3, 4, 5}, Sample{2, 4, 6, 8, 10, 12}), 1.3416407864998738,
              1e-14);
  EXPECT_NEAR(cohens_d(Sample{10.1, 10.4, 9.8, 10.0, 10.3, 9.9, 10.2},
                       Sample{10.9, 11.6, 10.5, 12.1, 11.0}),
              2.5913709549433892, 1e-12);
}

TEST(CohensD, IsZeroWithoutSpread) {
  EXPECT_EQ(cohens_d(Sample{2, 2}, Sample{3, 3, 3}), 0.0);
  EXPECT_EQ(cohens_d(Sample{2}, Sample{3}), 0.0);
}

TEST(CohensD, RejectsBadSamples) {
  expect_input_error([] { cohens_d(Sample{1}, Sample{}); }, {"sample b", "empty"});
  expect_input_error([] { cohens_d(Sample{kNan}, Sample{1}); }, {"sample a", "index 0"});
}

}  // namespace
}  // namespace tinyperf::stats
