#include "tinyperf/stats/run_power.h"

#include <cmath>

#include <fmt/core.h>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

void require_runs(std::size_t k, std::size_t j, double alpha) {
  if (k == 0 || j == 0 || k + j < 3) {
    throw InputError(
        fmt::format("run power: {} and {} runs: at least one run per side and 3 in all", k, j));
  }
  if (!(alpha > 0.0 && alpha < 1.0)) throw InputError("run power: alpha must be in (0, 1)");
}

}  // namespace

double log_sd_of_cv(double cv) {
  if (!(cv >= 0.0) || !std::isfinite(cv)) throw InputError("log_sd_of_cv: cv must be >= 0");
  return std::sqrt(std::log1p(cv * cv));
}

double run_test_power(double effect_sd, std::size_t k, std::size_t j, double alpha) {
  require_runs(k, j, alpha);
  if (!std::isfinite(effect_sd)) throw InputError("run_test_power: the effect must be finite");
  const double df = static_cast<double>(k + j - 2);
  const double crit = boost::math::quantile(boost::math::students_t(df), 1.0 - alpha / 2.0);
  const double delta =
      std::abs(effect_sd) / std::sqrt(1.0 / static_cast<double>(k) + 1.0 / static_cast<double>(j));
  if (delta == 0.0) return alpha;
  const boost::math::non_central_t t(df, delta);
  return boost::math::cdf(boost::math::complement(t, crit)) + boost::math::cdf(t, -crit);
}

double smallest_detectable_change(double between_run_cv, std::size_t k, std::size_t j, double alpha,
                                  double power) {
  require_runs(k, j, alpha);
  if (!(power > alpha && power < 1.0)) {
    throw InputError("smallest_detectable_change: power must be in (alpha, 1)");
  }
  const double s = log_sd_of_cv(between_run_cv);
  if (s == 0.0) return 0.0;
  double lo = 0.0, hi = 1.0;
  while (run_test_power(hi, k, j, alpha) < power) hi *= 2.0;  // power grows with the effect
  while (hi - lo > 1e-9 * hi) {
    const double mid = 0.5 * (lo + hi);
    (run_test_power(mid, k, j, alpha) < power ? lo : hi) = mid;
  }
  return std::expm1(hi * s);
}

std::size_t runs_per_side_needed(double between_run_cv, double change, double alpha, double power,
                                 std::size_t max_runs) {
  if (!(change > 0.0) || !std::isfinite(change)) {
    throw InputError("runs_per_side_needed: the change must be > 0");
  }
  for (std::size_t n = 2; n < max_runs; ++n) {
    if (smallest_detectable_change(between_run_cv, n, n, alpha, power) <= change) return n;
  }
  return max_runs;
}

}  // namespace tinyperf::stats
