#include "tinyperf/stats/compare.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>

#include "sample_ops.h"
#include "tinyperf/core/error.h"
#include "tinyperf/stats/hypothesis.h"

namespace tinyperf::stats {
namespace {

void require_options(const CompareOptions& options) {
  detail::require_open_range(options.alpha, 0.0, 1.0, "compare: alpha");
  if (!(options.noise >= 0.0) || !std::isfinite(options.noise)) {
    throw InputError(fmt::format("compare: noise must be finite and >= 0, got {}", options.noise));
  }
  if (!(options.required_runs_delta > 0.0) || !std::isfinite(options.required_runs_delta)) {
    throw InputError(fmt::format("compare: required_runs_delta must be finite and > 0, got {}",
                                 options.required_runs_delta));
  }
}

void require_samples(std::span<const double> a, std::span<const double> b, bool paired) {
  require_valid_sample(a, "baseline (a)");
  require_valid_sample(b, "candidate (b)");
  detail::require_positive(a, "baseline (a)");
  detail::require_positive(b, "candidate (b)");
  if (paired && a.size() != b.size()) {
    throw InputError(
        fmt::format("paired comparison: baseline has {} values but candidate has {} "
                    "(paired rounds need equal sizes)",
                    a.size(), b.size()));
  }
}

double cv_of(std::span<const double> sample) {
  return std::sqrt(detail::variance_of(sample)) / detail::mean_of(sample);
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kFaster:
      return "faster";
    case Verdict::kSlower:
      return "slower";
    case Verdict::kNoChange:
      return "no_change";
    case Verdict::kInconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

Verdict decide(double p_value, Interval speedup_ci, double alpha, double noise) {
  detail::require_closed_range(p_value, 0.0, 1.0, "decide: p_value");
  detail::require_open_range(alpha, 0.0, 1.0, "decide: alpha");
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw InputError(fmt::format("decide: noise must be finite and >= 0, got {}", noise));
  }
  if (!std::isfinite(speedup_ci.lo) || !std::isfinite(speedup_ci.hi) ||
      !(speedup_ci.lo <= speedup_ci.hi)) {
    throw InputError(fmt::format("decide: speedup interval [{}, {}] must be finite with lo <= hi",
                                 speedup_ci.lo, speedup_ci.hi));
  }
  const double band_lo = 1.0 - noise;
  const double band_hi = 1.0 + noise;
  if (speedup_ci.lo >= band_lo && speedup_ci.hi <= band_hi) return Verdict::kNoChange;
  if (p_value < alpha && speedup_ci.lo > band_hi) return Verdict::kFaster;
  if (p_value < alpha && speedup_ci.hi < band_lo) return Verdict::kSlower;
  return Verdict::kInconclusive;
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

Comparison compare(std::span<const double> a, std::span<const double> b,
                   const CompareOptions& options) {
  require_options(options);
  require_samples(a, b, options.paired);
  Comparison c;
  c.speedup = median(a) / median(b);
  c.speedup_ci95 =
      bootstrap_speedup_interval(a, b, options.resamples, options.seed, options.paired, 0.95);
  c.p_value = mann_whitney_u(a, b).p_value;
  if (a.size() >= 2 && b.size() >= 2) c.welch_p_value = welch_t_test(a, b).p_value;
  c.hodges_lehmann_shift = hodges_lehmann_shift(a, b);
  c.cohens_d = cohens_d(a, b);
  c.verdict = decide(c.p_value, c.speedup_ci95, options.alpha, options.noise);
  // Unequal spreads: n = (z_sum)^2 (sd_a^2 + sd_b^2) / delta^2, i.e. the formula's 2 cv^2 with
  // cv^2 the mean of the two sides' squared cvs.
  const double cv_a = cv_of(a);
  const double cv_b = cv_of(b);
  c.required_runs = required_runs(std::sqrt((cv_a * cv_a + cv_b * cv_b) / 2.0),
                                  options.required_runs_delta, options.alpha);
  return c;
}

}  // namespace tinyperf::stats
