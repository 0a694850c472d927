// compare_runs, the run-level t-test, and compare_run_samples, the comparison of runs given by
// their samples (runs.h, docs/history.md).
#include "tinyperf/stats/runs.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/run_power.h"

namespace tinyperf::stats {
namespace {

// Natural logarithms of run medians, each checked to be a finite number > 0.
std::vector<double> logs_of(std::span<const double> medians, const char* side) {
  if (medians.empty()) throw InputError(fmt::format("run comparison: no {} run", side));
  std::vector<double> logs;
  logs.reserve(medians.size());
  for (std::size_t i = 0; i < medians.size(); ++i) {
    if (!std::isfinite(medians[i]) || !(medians[i] > 0.0)) {
      throw InputError(
          fmt::format("run comparison: {} run {} has median {}, not a finite number "
                      "> 0",
                      side, i + 1, medians[i]));
    }
    logs.push_back(std::log(medians[i]));
  }
  return logs;
}

// Sum of squared deviations from the mean (0 for one value).
double squared_deviations(const std::vector<double>& values) {
  const double m = mean(values);
  double sum = 0.0;
  for (const double v : values) sum += (v - m) * (v - m);
  return sum;
}

// `baseline` names the baseline's runs in the message ("1 stored run and 1 candidate run: ...").
void require_enough_runs(std::size_t k, std::size_t j, std::string_view baseline) {
  if (k + j >= 3) return;
  throw InputError(fmt::format(
      "{} {} run{} and {} candidate run{}: at least 3 runs in all are needed to estimate how "
      "much runs differ from each other (record more runs, or compare several candidate runs)",
      k, baseline, k == 1 ? "" : "s", j, j == 1 ? "" : "s"));
}

// t statistic and two-sided p of d / se with `df` degrees of freedom; se = 0 gives an infinite t
// (p = 0) for d != 0 and t = 0 (p = 1) for d = 0, as welch_t_test does for noise-free samples.
void t_test(double d, double se, std::int64_t df, RunComparison& r) {
  if (se == 0.0) {
    r.t_statistic = d == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), d);
    r.p_value = d == 0.0 ? 1.0 : 0.0;
    return;
  }
  const boost::math::students_t dist(static_cast<double>(df));
  r.t_statistic = d / se;
  r.p_value =
      std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, std::abs(d / se))));
}

std::vector<double> medians_of(std::span<const std::vector<double>> runs) {
  std::vector<double> medians;
  medians.reserve(runs.size());
  for (const auto& samples : runs) medians.push_back(median(samples));
  return medians;
}

std::string candidate_name(const RunCompareOptions& o, std::size_t i) {
  return o.candidate_names.empty() ? fmt::format("candidate run {}", i + 1) : o.candidate_names[i];
}

std::vector<std::string> run_warnings(std::span<const std::vector<double>> baseline_runs,
                                      std::span<const std::vector<double>> candidate_runs,
                                      const RunCompareOptions& o) {
  std::vector<std::string> out;
  const std::size_t k = baseline_runs.size();
  if (k < kFewRuns) {
    out.push_back(
        fmt::format("only {} {} run{}: the interval is wide; {} or more give a "
                    "sharper gate",
                    k, o.baseline_name, k == 1 ? "" : "s", kFewRuns));
  }
  std::size_t lo = SIZE_MAX, hi = 0;
  for (const auto& run : baseline_runs) {
    lo = std::min(lo, run.size());
    hi = std::max(hi, run.size());
  }
  for (std::size_t i = 0; i < candidate_runs.size(); ++i) {
    const std::size_t n = candidate_runs[i].size();
    if (2 * n < lo || n > 2 * hi) {
      out.push_back(
          fmt::format("{} has {} samples, the {} runs {} to {}: runs of different "
                      "lengths can differ systematically (warmup, thermal state)",
                      candidate_name(o, i), n, o.baseline_name, lo, hi));
    }
  }
  return out;
}

}  // namespace

RunComparison compare_runs(std::span<const double> baseline_medians,
                           std::span<const double> candidate_medians, double alpha, double noise) {
  const std::vector<double> a = logs_of(baseline_medians, "baseline");
  const std::vector<double> b = logs_of(candidate_medians, "candidate");
  require_enough_runs(a.size(), b.size(), "baseline");
  const double k = static_cast<double>(a.size());
  const double j = static_cast<double>(b.size());
  RunComparison r;
  r.degrees_of_freedom = static_cast<std::int64_t>(a.size() + b.size()) - 2;
  const double variance =
      (squared_deviations(a) + squared_deviations(b)) / static_cast<double>(r.degrees_of_freedom);
  const double se = std::sqrt(variance * (1.0 / k + 1.0 / j));
  const double d = mean(a) - mean(b);
  t_test(d, se, r.degrees_of_freedom, r);
  const double q = boost::math::quantile(
      boost::math::students_t(static_cast<double>(r.degrees_of_freedom)), 0.975);
  r.speedup = std::exp(d);
  r.speedup_ci95 = {std::exp(d - q * se), std::exp(d + q * se)};
  r.run_to_run_cv = std::sqrt(std::expm1(variance));
  r.detectable_change = std::expm1(q * se);
  r.verdict = decide(r.p_value, r.speedup_ci95, alpha, noise);
  return r;
}

double run_speedup(std::span<const double> baseline_medians,
                   std::span<const double> candidate_medians) {
  return std::exp(mean(logs_of(baseline_medians, "baseline")) -
                  mean(logs_of(candidate_medians, "candidate")));
}

double between_run_cv(std::span<const double> medians) {
  const std::vector<double> logs = logs_of(medians, "baseline");
  if (logs.size() < 2) {
    throw InputError("between_run_cv: 2 or more runs are needed to estimate their spread");
  }
  return std::sqrt(std::expm1(squared_deviations(logs) / static_cast<double>(logs.size() - 1)));
}

RunSamplesComparison compare_run_samples(std::span<const std::vector<double>> baseline_runs,
                                         std::span<const std::vector<double>> candidate_runs,
                                         const RunCompareOptions& options) {
  if (!options.candidate_names.empty() && options.candidate_names.size() != candidate_runs.size()) {
    throw InputError(fmt::format("run comparison: {} candidate names for {} candidate runs",
                                 options.candidate_names.size(), candidate_runs.size()));
  }
  require_enough_runs(baseline_runs.size(), candidate_runs.size(), options.baseline_name);
  RunSamplesComparison r;
  r.baseline_medians = medians_of(baseline_runs);
  r.candidate_medians = medians_of(candidate_runs);
  r.comparison =
      compare_runs(r.baseline_medians, r.candidate_medians, options.alpha, options.noise);
  r.warnings = run_warnings(baseline_runs, candidate_runs, options);
  return r;
}

OneRunComparison compare_one_run_each(double speedup, const Interval& within_ci95,
                                      double within_p_value, double between_run_cv,
                                      std::int64_t degrees_of_freedom, double alpha, double noise) {
  const bool ci_ok = std::isfinite(within_ci95.lo) && std::isfinite(within_ci95.hi) &&
                     within_ci95.lo > 0.0 && within_ci95.lo <= within_ci95.hi;
  if (!(speedup > 0.0) || !std::isfinite(speedup) || !ci_ok) {
    throw InputError(
        "compare_one_run_each: the speedup and its interval must be finite numbers > 0, lo <= hi");
  }
  if (!(within_p_value >= 0.0 && within_p_value <= 1.0)) {
    throw InputError("compare_one_run_each: within_p_value must lie in [0, 1]");
  }
  if (degrees_of_freedom < 0) {
    throw InputError("compare_one_run_each: degrees_of_freedom must be >= 0");
  }
  const double s = log_sd_of_cv(between_run_cv);  // throws for a bad cv
  OneRunComparison r;
  r.between_run_cv = between_run_cv;
  const boost::math::normal z;
  const double z975 = boost::math::quantile(z, 0.975);
  const double se_within = (std::log(within_ci95.hi) - std::log(within_ci95.lo)) / (2.0 * z975);
  const double se = std::sqrt(se_within * se_within + 2.0 * s * s);
  const double d = std::log(speedup);
  if (s == 0.0) {
    r.speedup_ci95 = within_ci95;
    r.p_value = within_p_value;
  } else if (degrees_of_freedom == 0) {
    r.speedup_ci95 = {speedup * std::exp(-z975 * se), speedup * std::exp(z975 * se)};
    r.p_value = 2.0 * boost::math::cdf(boost::math::complement(z, std::abs(d) / se));
  } else {
    const boost::math::students_t t(static_cast<double>(degrees_of_freedom));
    const double q = boost::math::quantile(t, 0.975);
    r.speedup_ci95 = {speedup * std::exp(-q * se), speedup * std::exp(q * se)};
    r.p_value = 2.0 * boost::math::cdf(boost::math::complement(t, std::abs(d) / se));
  }
  r.verdict = decide(std::clamp(r.p_value, 0.0, 1.0), r.speedup_ci95, alpha, noise);
  return r;
}

}  // namespace tinyperf::stats
