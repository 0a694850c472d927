// How fit a sample is for what it is used for: its robust spread, how many runs a comparison of
// two such samples needs, and the warnings a result carries about it (docs/methodology.md, "How
// many runs a comparison needs"). Pure functions; every one that takes a sample throws InputError
// for an empty sample or one holding NaN or infinity.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinyperf::stats {

// 1 / z(3/4), the standard normal quantile: scales a normal sample's MAD to its standard
// deviation (python3: 1 / statistics.NormalDist().inv_cdf(0.75) = 1.482602218505602).
inline constexpr double kMadToStd = 1.482602218505602;

// The robust coefficient of variation kMadToStd * MAD / |median|, with
// MAD = median(|x - median(x)|). For a normal sample it estimates std / mean; unlike the cv, up to
// half of the values can be stalls (a preempted thread, a page fault) without moving it far.
// 0 when the median is 0 (as Summary::cv is 0 for a zero mean) and when more than half of the
// values are equal to the median.
double robust_cv(std::span<const double> sample);

// The normal-approximation sample size of a two-sided two-sample test:
// n = ceil(2 * ((z(1 - alpha/2) + z(power)) * cv / delta)^2), at least 2, where z are standard
// normal quantiles and `cv` the relative spread of one value. Throws InputError for delta <= 0,
// alpha or power outside (0, 1), cv < 0, any of them not finite, or a result above 9e15.
std::size_t required_runs(double cv, double delta, double alpha = 0.05, double power = 0.8);

// Runs per side needed to detect a relative change `delta` between samples like `a` and `b`: the
// formula above with cv = sqrt((robust_cv(a)^2 + robust_cv(b)^2) / 2), the quadratic mean of the
// two sides' robust cvs (exact for unequal spreads: n = (z sum)^2 (sd_a^2 + sd_b^2) / delta^2).
// The one definition every "runs needed" figure of tinyperf comes from. Throws as robust_cv and
// the formula do.
std::size_t required_runs(std::span<const double> a, std::span<const double> b, double delta,
                          double alpha = 0.05, double power = 0.8);

// Which of sample_warnings' checks run, and their thresholds. The defaults are those of a
// measured latency sample (measure, report); `tinyperf analyze` uses its own.
struct SampleWarningOptions {
  double max_cv = 0.1;  // "high variance" when the cv (std / |mean|) is above this
  // "too few samples" when required_runs(sample, sample, detect_change, alpha, power) exceeds the
  // count (and the robust cv is > 0); 0 = never.
  double detect_change = 0.01;
  double alpha = 0.05;        // significance of that required_runs, in (0, 1)
  double power = 0.8;         // power of that required_runs, in (0, 1)
  std::size_t min_count = 6;  // "few samples" when the count is below this; 0 = never
  bool outliers = false;      // "outliers" when the Tukey fences flag any value
};

// The sample-quality warnings of `sample`, one line each, in this order; `what` names the sample
// in them ("latency" gives "high variance: latency cv ..."; "" gives "high variance: cv ..."):
//   "high variance: latency cv 0.120 > 0.1"
//   "outliers: 3 of 400 values beyond the Tukey fences (reported, not removed)"
//   "too few latency samples to detect a 1% change at robust cv 0.053: 10 samples, 437 needed"
//   "few latency samples: n = 5 < 6; no 95% interval for the median" (the clause after ';' only
//   when n < 6)
// Throws InputError for an empty or non-finite sample, and as required_runs for a bad
// detect_change, alpha or power.
std::vector<std::string> sample_warnings(std::span<const double> sample, std::string_view what,
                                         const SampleWarningOptions& options = {});

}  // namespace tinyperf::stats
