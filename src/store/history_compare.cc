// compare_runs, the run-level test of a history comparison, and compare_with_history, the whole
// comparison (history.h, docs/history.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <fmt/core.h>
#include <boost/math/distributions/students_t.hpp>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/store/history.h"

namespace tinyperf::store {
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
  const double m = stats::mean(values);
  double sum = 0.0;
  for (const double v : values) sum += (v - m) * (v - m);
  return sum;
}

void require_enough_runs(std::size_t k, std::size_t j) {
  if (k + j >= 3) return;
  throw InputError(fmt::format(
      "{} stored run{} and {} candidate run{}: at least 3 runs in all are needed to estimate how "
      "much runs differ from each other (record more runs, or pass several candidate files)",
      k, k == 1 ? "" : "s", j, j == 1 ? "" : "s"));
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

}  // namespace

RunComparison compare_runs(std::span<const double> baseline_medians,
                           std::span<const double> candidate_medians, double alpha, double noise) {
  const std::vector<double> a = logs_of(baseline_medians, "baseline");
  const std::vector<double> b = logs_of(candidate_medians, "candidate");
  require_enough_runs(a.size(), b.size());
  const double k = static_cast<double>(a.size());
  const double j = static_cast<double>(b.size());
  RunComparison r;
  r.degrees_of_freedom = static_cast<std::int64_t>(a.size() + b.size()) - 2;
  const double variance =
      (squared_deviations(a) + squared_deviations(b)) / static_cast<double>(r.degrees_of_freedom);
  const double se = std::sqrt(variance * (1.0 / k + 1.0 / j));
  const double d = stats::mean(a) - stats::mean(b);
  t_test(d, se, r.degrees_of_freedom, r);
  const double q = boost::math::quantile(
      boost::math::students_t(static_cast<double>(r.degrees_of_freedom)), 0.975);
  r.speedup = std::exp(d);
  r.speedup_ci95 = {std::exp(d - q * se), std::exp(d + q * se)};
  r.run_to_run_cv = std::sqrt(std::expm1(variance));
  r.detectable_change = std::expm1(q * se);
  r.verdict = stats::decide(r.p_value, r.speedup_ci95, alpha, noise);
  return r;
}

namespace {

std::vector<double> medians_of(const std::vector<std::vector<double>>& runs) {
  std::vector<double> medians;
  for (const auto& samples : runs) medians.push_back(stats::median(samples));
  return medians;
}

std::vector<std::string> check_warnings(const HistoryCheck& h,
                                        const std::vector<std::string>& sources) {
  std::vector<std::string> out;
  const std::size_t k = h.baseline.runs.size();
  if (k < kFewHistoryRuns) {
    out.push_back(
        fmt::format("only {} stored run{}: the interval is wide; {} or more give a "
                    "sharper gate",
                    k, k == 1 ? "" : "s", kFewHistoryRuns));
  }
  std::size_t lo = SIZE_MAX, hi = 0;
  for (const auto& run : h.baseline.runs) {
    lo = std::min(lo, run.latency_ms.size());
    hi = std::max(hi, run.latency_ms.size());
  }
  for (std::size_t i = 0; i < h.candidate_latency_ms.size(); ++i) {
    const std::size_t n = h.candidate_latency_ms[i].size();
    if (2 * n < lo || n > 2 * hi) {
      out.push_back(
          fmt::format("{} has {} samples, the stored runs {} to {}: runs of different "
                      "lengths can differ systematically (warmup, thermal state)",
                      sources[i], n, lo, hi));
    }
  }
  return out;
}

}  // namespace

HistoryCheck compare_with_history(ResultsStore& store,
                                  const std::vector<nlohmann::json>& candidates,
                                  const std::vector<std::string>& sources, const std::string& model,
                                  const HistoryCheckOptions& options) {
  HistoryCheck h;
  h.query = history_query_for(candidates, sources, model, options.max_runs);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    h.candidate_latency_ms.push_back(model_latency_samples(candidates[i], model, sources[i]));
  }
  h.baseline = history_baseline(store, h.query);
  for (const auto& run : h.baseline.runs) {
    h.baseline_medians_ms.push_back(stats::median(run.latency_ms));
  }
  h.candidate_medians_ms = medians_of(h.candidate_latency_ms);
  h.comparison =
      compare_runs(h.baseline_medians_ms, h.candidate_medians_ms, options.alpha, options.noise);
  h.warnings = check_warnings(h, sources);
  return h;
}

}  // namespace tinyperf::store
