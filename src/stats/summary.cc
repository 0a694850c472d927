#include "tinyperf/stats/summary.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "sample_ops.h"
#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

using detail::mean_of;
using detail::percentile_of_sorted;
using detail::variance_of;

std::optional<Interval> mean_interval_of(std::span<const double> sample, double confidence) {
  const std::size_t n = sample.size();
  if (n < 2) return std::nullopt;
  const boost::math::students_t dist(static_cast<double>(n - 1));
  const double t = boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
  const double m = mean_of(sample);
  const double half = t * std::sqrt(variance_of(sample)) / std::sqrt(static_cast<double>(n));
  return Interval{m - half, m + half};
}

// Coverage of [x_(k), x_(n-k+1)] (1-based) is P(k <= B <= n-k) = 1 - 2 P(B <= k-1), B ~ Bin(n,
// 1/2); it falls as k grows, so the narrowest pair that still covers is found by binary search on
// k.
std::optional<Interval> median_interval_of_sorted(std::span<const double> sorted,
                                                  double confidence) {
  const std::size_t n = sorted.size();
  const boost::math::binomial dist(static_cast<double>(n), 0.5);
  const auto covers = [&](std::size_t k) {
    return 2.0 * boost::math::cdf(dist, static_cast<double>(k - 1)) <= 1.0 - confidence;
  };
  if (n < 2 || !covers(1)) return std::nullopt;
  std::size_t good = 1;         // covers(good) holds
  std::size_t bad = n / 2 + 1;  // beyond the symmetric pairs
  while (bad - good > 1) {
    const std::size_t mid = good + (bad - good) / 2;
    (covers(mid) ? good : bad) = mid;
  }
  return Interval{sorted[good - 1], sorted[n - good]};
}

OutlierCounts tukey_outliers_of_sorted(std::span<const double> sorted) {
  const double q1 = percentile_of_sorted(sorted, 25.0);
  const double q3 = percentile_of_sorted(sorted, 75.0);
  const double iqr = q3 - q1;
  OutlierCounts counts;
  for (const double x : sorted) {
    if (x < q1 - 3.0 * iqr) {
      ++counts.low_severe;
    } else if (x < q1 - 1.5 * iqr) {
      ++counts.low_mild;
    } else if (x > q3 + 3.0 * iqr) {
      ++counts.high_severe;
    } else if (x > q3 + 1.5 * iqr) {
      ++counts.high_mild;
    }
  }
  return counts;
}

void require_percent(double p) { detail::require_closed_range(p, 0.0, 100.0, "percentile p"); }

void require_confidence(double confidence) {
  detail::require_open_range(confidence, 0.0, 1.0, "confidence");
}

}  // namespace

void require_valid_sample(std::span<const double> sample, const char* what) {
  if (sample.empty()) {
    throw InputError(fmt::format("{}: the sample is empty (at least one value is needed)", what));
  }
  detail::require_finite(sample, what);
}

double mean(std::span<const double> sample) {
  require_valid_sample(sample);
  return mean_of(sample);
}

double stddev(std::span<const double> sample) {
  require_valid_sample(sample);
  return std::sqrt(variance_of(sample));
}

double median(std::span<const double> sample) {
  require_valid_sample(sample);
  std::vector<double> copy(sample.begin(), sample.end());
  return detail::median_in_place(copy);
}

double percentile(std::span<const double> sample, double p) {
  require_valid_sample(sample);
  require_percent(p);
  return percentile_of_sorted(detail::sorted_copy(sample), p);
}

double percentile_sorted(std::span<const double> sorted, double p) {
  require_valid_sample(sorted);
  detail::require_sorted(sorted, "sample");
  require_percent(p);
  return percentile_of_sorted(sorted, p);
}

std::optional<Interval> mean_interval(std::span<const double> sample, double confidence) {
  require_valid_sample(sample);
  require_confidence(confidence);
  return mean_interval_of(sample, confidence);
}

std::optional<Interval> median_interval(std::span<const double> sample, double confidence) {
  require_valid_sample(sample);
  require_confidence(confidence);
  return median_interval_of_sorted(detail::sorted_copy(sample), confidence);
}

OutlierCounts tukey_outliers(std::span<const double> sample) {
  require_valid_sample(sample);
  return tukey_outliers_of_sorted(detail::sorted_copy(sample));
}

Summary summarize(std::span<const double> sample) {
  require_valid_sample(sample);
  const std::vector<double> sorted = detail::sorted_copy(sample);
  Summary s;
  s.count = sorted.size();
  s.mean = mean_of(sample);
  s.std = std::sqrt(variance_of(sample));
  s.cv = s.mean == 0.0 ? 0.0 : s.std / s.mean;
  s.median = detail::median_of_sorted(sorted);
  s.min = sorted.front();
  s.max = sorted.back();
  s.p50 = percentile_of_sorted(sorted, 50.0);
  s.p90 = percentile_of_sorted(sorted, 90.0);
  s.p95 = percentile_of_sorted(sorted, 95.0);
  s.p99 = percentile_of_sorted(sorted, 99.0);
  s.ci95_mean = mean_interval_of(sample, 0.95);
  s.ci95_median = median_interval_of_sorted(sorted, 0.95);
  s.outliers = tukey_outliers_of_sorted(sorted);
  return s;
}

}  // namespace tinyperf::stats
