#include "tinyperf/stats/quality.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>

#include "sample_ops.h"
#include "tinyperf/core/error.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {
namespace {

// Lowest count at which median_interval reaches 95 % coverage.
constexpr std::size_t kMedianIntervalCount = 6;

std::string named(std::string_view what) { return what.empty() ? "" : std::string(what) + " "; }

void require_options(const SampleWarningOptions& o) {
  if (!(o.max_cv >= 0.0) || !std::isfinite(o.max_cv)) {
    throw InputError(
        fmt::format("sample warnings: max_cv must be finite and >= 0, got {}", o.max_cv));
  }
  if (!(o.detect_change >= 0.0) || !std::isfinite(o.detect_change)) {
    throw InputError(fmt::format("sample warnings: detect_change must be finite and >= 0, got {}",
                                 o.detect_change));
  }
  detail::require_open_range(o.alpha, 0.0, 1.0, "sample warnings: alpha");
  detail::require_open_range(o.power, 0.0, 1.0, "sample warnings: power");
}

double plain_cv(std::span<const double> sample) {
  const double m = detail::mean_of(sample);
  return m != 0.0 ? std::sqrt(detail::variance_of(sample)) / std::abs(m) : 0.0;
}

void add_too_few(std::span<const double> sample, std::string_view what,
                 const SampleWarningOptions& o, std::vector<std::string>& out) {
  if (o.detect_change == 0.0) return;
  const double cv = robust_cv(sample);
  if (!(cv > 0.0)) return;
  const std::size_t needed = required_runs(cv, o.detect_change, o.alpha, o.power);
  if (needed <= sample.size()) return;
  out.push_back(fmt::format(
      "too few {}samples to detect a {}% change at robust cv {:.3f}: {} samples, {} needed",
      named(what), o.detect_change * 100.0, cv, sample.size(), needed));
}

void add_few(std::size_t n, std::string_view what, const SampleWarningOptions& o,
             std::vector<std::string>& out) {
  if (n >= o.min_count) return;
  out.push_back(fmt::format("few {}samples: n = {} < {}{}", named(what), n, o.min_count,
                            n < kMedianIntervalCount ? "; no 95% interval for the median" : ""));
}

}  // namespace

double robust_cv(std::span<const double> sample) {
  require_valid_sample(sample, "sample");
  std::vector<double> work(sample.begin(), sample.end());
  const double m = detail::median_in_place(work);
  if (m == 0.0) return 0.0;
  for (double& x : work) x = std::abs(x - m);
  return kMadToStd * detail::median_in_place(work) / std::abs(m);
}

std::size_t required_runs(double cv, double delta, double alpha, double power) {
  if (!(cv >= 0.0) || !std::isfinite(cv)) {
    throw InputError(fmt::format("required_runs: cv must be finite and >= 0, got {}", cv));
  }
  if (!(delta > 0.0) || !std::isfinite(delta)) {
    throw InputError(fmt::format("required_runs: delta must be finite and > 0, got {}", delta));
  }
  detail::require_open_range(alpha, 0.0, 1.0, "required_runs: alpha");
  detail::require_open_range(power, 0.0, 1.0, "required_runs: power");
  const boost::math::normal z;
  const double z_sum = boost::math::quantile(boost::math::complement(z, alpha / 2.0)) +
                       boost::math::quantile(z, power);
  const double scaled = z_sum * cv / delta;
  const double n = std::ceil(2.0 * scaled * scaled);
  if (!(n < 9.0e15)) {  // beyond 2^53 the count is no longer an exact integer
    throw InputError(
        fmt::format("required_runs: cv {} and delta {} need more than 9e15 runs", cv, delta));
  }
  return std::max<std::size_t>(2, static_cast<std::size_t>(n));
}

std::size_t required_runs(std::span<const double> a, std::span<const double> b, double delta,
                          double alpha, double power) {
  const double cv_a = robust_cv(a);
  const double cv_b = robust_cv(b);
  return required_runs(std::sqrt((cv_a * cv_a + cv_b * cv_b) / 2.0), delta, alpha, power);
}

std::vector<std::string> sample_warnings(std::span<const double> sample, std::string_view what,
                                         const SampleWarningOptions& o) {
  require_valid_sample(sample, "sample");
  require_options(o);
  std::vector<std::string> out;
  const double cv = plain_cv(sample);
  if (cv > o.max_cv) {
    out.push_back(fmt::format("high variance: {}cv {:.3f} > {}", named(what), cv, o.max_cv));
  }
  if (o.outliers) {
    const std::size_t flagged = tukey_outliers(sample).total();
    if (flagged > 0) {
      out.push_back(
          fmt::format("outliers: {} of {} values beyond the Tukey fences (reported, not removed)",
                      flagged, sample.size()));
    }
  }
  add_too_few(sample, what, o, out);
  add_few(sample.size(), what, o, out);
  return out;
}

}  // namespace tinyperf::stats
