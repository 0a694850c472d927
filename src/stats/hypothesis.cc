#include "tinyperf/stats/hypothesis.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/students_t.hpp>

#include "sample_ops.h"
#include "tinyperf/core/error.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {
namespace {

void require_two_values(std::span<const double> sample, const char* what) {
  if (sample.size() < 2) {
    throw InputError(
        fmt::format("{}: the Welch t-test needs at least 2 values, got {}", what, sample.size()));
  }
}

// Maps doubles to unsigned keys whose order is the doubles' order (-0 just below +0), so that a
// binary search over keys visits every double between two bounds.
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  return (bits & kSign) != 0 ? ~bits : bits | kSign;
}

double from_order_key(std::uint64_t key) {
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  return std::bit_cast<double>((key & kSign) != 0 ? key & ~kSign : ~key);
}

// Number of pairs (i, j) with b[j] - a[i] <= v (as computed in floating point, which is monotone
// in each argument), for ascending a and b: one merge-like pass.
std::uint64_t count_differences_at_most(const std::vector<double>& a, const std::vector<double>& b,
                                        double v) {
  std::uint64_t count = 0;
  std::size_t j = 0;
  for (const double ai : a) {
    while (j < b.size() && b[j] - ai <= v) ++j;
    count += j;
  }
  return count;
}

// The rank-th smallest (1-based) of the computed differences b[j] - a[i]: the smallest double v
// with count(<= v) >= rank, found by bisecting the ordered keys (at most 64 passes).
double kth_difference(const std::vector<double>& a, const std::vector<double>& b,
                      std::uint64_t rank) {
  std::uint64_t lo = order_key(b.front() - a.back());
  std::uint64_t hi = order_key(b.back() - a.front());
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (count_differences_at_most(a, b, from_order_key(mid)) >= rank) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return from_order_key(lo) + 0.0;  // + 0.0 turns a -0 into +0
}

}  // namespace

TestResult welch_t_test(std::span<const double> a, std::span<const double> b) {
  require_valid_sample(a, "sample a");
  require_valid_sample(b, "sample b");
  require_two_values(a, "sample a");
  require_two_values(b, "sample b");
  const double n1 = static_cast<double>(a.size());
  const double n2 = static_cast<double>(b.size());
  const double diff = detail::mean_of(a) - detail::mean_of(b);
  const double vn1 = detail::variance_of(a) / n1;
  const double vn2 = detail::variance_of(b) / n2;
  const double se2 = vn1 + vn2;
  if (se2 == 0.0) {
    if (diff == 0.0) return TestResult{0.0, 1.0};
    return TestResult{std::copysign(std::numeric_limits<double>::infinity(), diff), 0.0};
  }
  // Welch-Satterthwaite df with each side's share of se^2, which cannot underflow.
  const double w1 = vn1 / se2;
  const double w2 = vn2 / se2;
  const double df = 1.0 / (w1 * w1 / (n1 - 1.0) + w2 * w2 / (n2 - 1.0));
  const double t = diff / std::sqrt(se2);
  const boost::math::students_t dist(df);
  const double p = 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
  return TestResult{t, std::min(1.0, p)};
}

double hodges_lehmann_shift(std::span<const double> a, std::span<const double> b) {
  require_valid_sample(a, "sample a");
  require_valid_sample(b, "sample b");
  const std::vector<double> sa = detail::sorted_copy(a);
  const std::vector<double> sb = detail::sorted_copy(b);
  const std::uint64_t pairs = std::uint64_t{sa.size()} * sb.size();
  if (pairs % 2 == 1) return kth_difference(sa, sb, pairs / 2 + 1);
  return std::midpoint(kth_difference(sa, sb, pairs / 2), kth_difference(sa, sb, pairs / 2 + 1));
}

double cohens_d(std::span<const double> a, std::span<const double> b) {
  require_valid_sample(a, "sample a");
  require_valid_sample(b, "sample b");
  const double n1 = static_cast<double>(a.size());
  const double n2 = static_cast<double>(b.size());
  if (n1 + n2 <= 2.0) return 0.0;  // one value per side: no spread to pool
  const double pooled_var =
      ((n1 - 1.0) * detail::variance_of(a) + (n2 - 1.0) * detail::variance_of(b)) / (n1 + n2 - 2.0);
  if (pooled_var == 0.0) return 0.0;
  return (detail::mean_of(b) - detail::mean_of(a)) / std::sqrt(pooled_var);
}

}  // namespace tinyperf::stats
