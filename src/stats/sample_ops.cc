#include "sample_ops.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "tinyperf/core/error.h"

namespace tinyperf::stats::detail {

void require_finite(std::span<const double> sample, const char* what) {
  const auto bad =
      std::find_if(sample.begin(), sample.end(), [](double x) { return !std::isfinite(x); });
  if (bad != sample.end()) {
    throw InputError(fmt::format("{}: value at index {} is {} (every value must be finite)", what,
                                 bad - sample.begin(), *bad));
  }
}

void require_sorted(std::span<const double> sorted, const char* what) {
  const auto bad = std::is_sorted_until(sorted.begin(), sorted.end());
  if (bad != sorted.end()) {
    throw InputError(
        fmt::format("{}: value at index {} ({}) is smaller than the one before it "
                    "(the sample must be sorted ascending)",
                    what, bad - sorted.begin(), *bad));
  }
}

void require_positive(std::span<const double> sample, const char* what) {
  const auto bad = std::find_if(sample.begin(), sample.end(), [](double x) { return !(x > 0); });
  if (bad != sample.end()) {
    throw InputError(fmt::format("{}: value at index {} is {} (every value must be > 0)", what,
                                 bad - sample.begin(), *bad));
  }
}

void require_open_range(double value, double lo, double hi, const char* what) {
  if (!(value > lo && value < hi)) {
    throw InputError(fmt::format("{} must lie in ({}, {}), got {}", what, lo, hi, value));
  }
}

void require_closed_range(double value, double lo, double hi, const char* what) {
  if (!(value >= lo && value <= hi)) {
    throw InputError(fmt::format("{} must lie in [{}, {}], got {}", what, lo, hi, value));
  }
}

double mean_of(std::span<const double> sample) {
  const double x0 = sample.front();
  double shifted_sum = 0.0;
  for (const double x : sample) shifted_sum += x - x0;
  return x0 + shifted_sum / static_cast<double>(sample.size());
}

double variance_of(std::span<const double> sample) {
  if (sample.size() < 2) return 0.0;
  const double m = mean_of(sample);
  double sum_sq = 0.0;
  for (const double x : sample) sum_sq += (x - m) * (x - m);
  return sum_sq / static_cast<double>(sample.size() - 1);
}

std::vector<double> sorted_copy(std::span<const double> sample) {
  std::vector<double> sorted(sample.begin(), sample.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

double percentile_of_sorted(std::span<const double> sorted, double p) {
  const double rank = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  if (below + 1 >= sorted.size()) return sorted.back();
  const double gamma = rank - static_cast<double>(below);
  const double a = sorted[below];
  const double b = sorted[below + 1];
  // numpy's _lerp: interpolate from the nearer end, which keeps the result inside [a, b].
  return gamma >= 0.5 ? b - (b - a) * (1.0 - gamma) : a + (b - a) * gamma;
}

double median_of_sorted(std::span<const double> sorted) {
  const std::size_t n = sorted.size();
  if (n % 2 == 1) return sorted[n / 2];
  return std::midpoint(sorted[n / 2 - 1], sorted[n / 2]);  // no overflow near the largest double
}

double median_in_place(std::span<double> sample) {
  const std::size_t n = sample.size();
  const auto upper = sample.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(sample.begin(), upper, sample.end());
  if (n % 2 == 1) return *upper;
  const double lower = *std::max_element(sample.begin(), upper);
  return std::midpoint(lower, *upper);
}

}  // namespace tinyperf::stats::detail
