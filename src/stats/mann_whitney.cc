// Mann-Whitney U, following scipy.stats.mannwhitneyu (scipy 1.11, alternative="two-sided",
// method="auto", use_continuity=True). Method choice as scipy's _mwu_choose_method: the normal
// approximation when both samples have more than 8 values or when any two values tie; otherwise
// the exact null distribution of U.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "tinyperf/stats/hypothesis.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {
namespace {

constexpr std::size_t kExactMaxSmallSide = 8;

struct Ranking {
  double rank_sum_a = 0.0;  // sum of a's mid-ranks in the pooled sample (1-based)
  double tie_term = 0.0;    // sum over tie groups of t^3 - t
  bool has_ties = false;
  bool all_equal = false;
};

Ranking rank_pooled(std::span<const double> a, std::span<const double> b) {
  std::vector<std::pair<double, bool>> pooled;  // (value, comes from a)
  pooled.reserve(a.size() + b.size());
  for (const double x : a) pooled.emplace_back(x, true);
  for (const double x : b) pooled.emplace_back(x, false);
  std::sort(pooled.begin(), pooled.end());
  Ranking r;
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    std::size_t from_a = 0;
    for (; j < pooled.size() && pooled[j].first == pooled[i].first; ++j) from_a += pooled[j].second;
    const double mid_rank = static_cast<double>(i + 1 + j) / 2.0;  // mean of ranks i+1 .. j
    const double t = static_cast<double>(j - i);
    r.rank_sum_a += mid_rank * static_cast<double>(from_a);
    r.tie_term += t * t * t - t;
    r.has_ties = r.has_ties || j - i > 1;
    r.all_equal = j - i == pooled.size();
    i = j;
  }
  return r;
}

// P(U <= k_max) under H0 for sample sizes m <= n. The counts of U = k are the coefficients of the
// Gaussian binomial [m + n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i); multiplying and
// dividing the power series truncated at q^k_max keeps the low coefficients exact (integers held
// in long double: exact below 2^64, and relative error ~1e-19 beyond). O(m * k_max).
double exact_lower_tail(std::size_t m, std::size_t n, std::size_t k_max) {
  std::vector<long double> count(k_max + 1, 0.0L);
  count[0] = 1.0L;
  long double total = 1.0L;  // C(n + m, m), built up as C(n + i, i)
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t k = k_max; k >= n + i; --k) count[k] -= count[k - n - i];
    for (std::size_t k = i; k <= k_max; ++k) count[k] += count[k - i];
    total = total * static_cast<long double>(n + i) / static_cast<long double>(i);
  }
  long double tail = 0.0L;
  for (const long double c : count) tail += c;
  return static_cast<double>(tail / total);
}

double exact_p_value(std::size_t n1, std::size_t n2, double u_max) {
  const std::size_t m = std::min(n1, n2);
  const std::size_t n = std::max(n1, n2);
  // By symmetry P(U >= u_max) = P(U <= m n - u_max); u_max is an integer without ties.
  const auto k_max = static_cast<std::size_t>(std::llround(static_cast<double>(m * n) - u_max));
  return std::min(1.0, 2.0 * exact_lower_tail(m, n, k_max));
}

double asymptotic_p_value(std::size_t n1, std::size_t n2, double u_max, const Ranking& r) {
  if (r.all_equal) return 1.0;  // zero variance: scipy's z = -0.5 / 0 = -inf, p = min(1, 2)
  const double n1d = static_cast<double>(n1);
  const double n2d = static_cast<double>(n2);
  const double n = n1d + n2d;
  const double mu = n1d * n2d / 2.0;
  const double sigma = std::sqrt(n1d * n2d / 12.0 * ((n + 1.0) - r.tie_term / (n * (n - 1.0))));
  const double z = (u_max - mu - 0.5) / sigma;
  const double sf = boost::math::cdf(boost::math::complement(boost::math::normal(), z));
  return std::min(1.0, 2.0 * sf);
}

}  // namespace

TestResult mann_whitney_u(std::span<const double> a, std::span<const double> b) {
  require_valid_sample(a, "sample a");
  require_valid_sample(b, "sample b");
  const std::size_t n1 = a.size();
  const std::size_t n2 = b.size();
  const Ranking r = rank_pooled(a, b);
  const double n1d = static_cast<double>(n1);
  const double u1 = r.rank_sum_a - n1d * (n1d + 1.0) / 2.0;
  const double u_max = std::max(u1, n1d * static_cast<double>(n2) - u1);
  const bool exact = std::min(n1, n2) <= kExactMaxSmallSide && !r.has_ties;
  const double p = exact ? exact_p_value(n1, n2, u_max) : asymptotic_p_value(n1, n2, u_max, r);
  return TestResult{u1, p};
}

}  // namespace tinyperf::stats
