#include "selection.h"

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/metrics.h"
#include "tinyperf/stats/runs.h"

namespace tinyperf::workflow {
namespace {

double measured(const std::optional<double>& value, const submission::BenchmarkReport& r,
                const char* what) {
  if (!value) throw InputError(fmt::format("report \"{}\" has no {}", r.model_name, what));
  return *value;
}

VariantSummary describe(const Variant& v, const submission::BenchmarkReport& r) {
  VariantSummary s;
  s.name = r.model_name;
  s.role = submission::to_string(submission::SideRole::kCandidate);
  s.techniques = v.techniques;
  s.precision = v.model.precision();
  const submission::Metrics& m = r.metrics;
  s.accuracy = measured(m.accuracy, r, "accuracy");
  s.latency_ms_median = measured(m.latency_ms_median, r, "median latency");
  if (m.latency_ms_ci95 && *m.latency_ms_ci95) {
    s.latency_ms_ci95 = {(*m.latency_ms_ci95)->lo, (*m.latency_ms_ci95)->hi};
  }
  s.throughput_samples_per_sec = measured(m.throughput_samples_per_sec, r, "throughput");
  s.offline_valid = r.measurement.value("throughput", nlohmann::json::object())
                        .value("offline_result_validity", "") == "VALID";
  s.size_bytes = v.size_bytes;
  s.peak_memory_mb = measured(m.peak_memory_mb, r, "peak memory");
  s.energy_j_per_inference = m.energy_j_per_inference.value_or(0.0);
  s.energy_method = m.energy_method.value_or("");
  return s;
}

void compare_with(VariantSummary& s, const VariantSummary& base,
                  const submission::BenchmarkReport& a, const submission::BenchmarkReport& b,
                  const stats::CompareOptions& options) {
  const stats::Comparison c = stats::compare(a.latency_samples_ms, b.latency_samples_ms, options);
  s.speedup = c.speedup;
  s.speedup_ci95 = {c.speedup_ci95.lo, c.speedup_ci95.hi};
  s.p_value = c.p_value;
  s.verdict = std::string(stats::to_string(c.verdict));
  s.compression_ratio = stats::compression_ratio(static_cast<double>(base.size_bytes),
                                                 static_cast<double>(s.size_bytes));
  s.accuracy_delta = stats::accuracy_delta(base.accuracy, s.accuracy);
  s.efficiency_score = stats::efficiency_score(*s.speedup, *s.compression_ratio, *s.accuracy_delta);
}

void mark_frontier(std::vector<VariantSummary>& summaries) {
  std::vector<std::vector<double>> points;
  for (const auto& s : summaries) points.push_back({s.accuracy, s.latency_ms_median});
  const std::vector<stats::Goal> goals = {stats::Goal::kMaximize, stats::Goal::kMinimize};
  for (const std::size_t i : stats::pareto_frontier(points, goals)) summaries[i].on_frontier = true;
}

// Index of the best efficiency score among optimized variants passing `eligible`; 0 when none.
template <class Pred>
std::size_t best_efficiency(const std::vector<VariantSummary>& s, Pred eligible) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!eligible(s[i]) || !s[i].efficiency_score) continue;
    if (best == 0 || *s[i].efficiency_score > *s[best].efficiency_score) best = i;
  }
  return best;
}

}  // namespace

std::vector<VariantSummary> judge(std::span<const Variant> variants,
                                  std::span<const submission::BenchmarkReport> reports,
                                  const stats::CompareOptions& options,
                                  std::span<const submission::BenchComparison> runs) {
  if (variants.size() != reports.size() || variants.empty() ||
      (!runs.empty() && runs.size() + 1 != variants.size())) {
    throw InputError(
        fmt::format("judge: {} variants but {} reports", variants.size(), reports.size()));
  }
  std::vector<VariantSummary> out;
  for (std::size_t i = 0; i < variants.size(); ++i)
    out.push_back(describe(variants[i], reports[i]));
  out[0].role = submission::to_string(submission::SideRole::kBaseline);
  for (std::size_t i = 1; i < out.size(); ++i) {
    compare_with(out[i], out[0], reports[0], reports[i], options);
    if (!runs.empty()) {
      // Over runs: the ratio of the geometric means of the run medians, its interval and test.
      const submission::BenchComparison& c = runs[i - 1];
      out[i].speedup = c.speedup;
      out[i].speedup_ci95 = {c.speedup_ci95.lo, c.speedup_ci95.hi};
      out[i].p_value = c.p_value;
      out[i].verdict = c.verdict;
      out[i].efficiency_score =
          stats::efficiency_score(c.speedup, *out[i].compression_ratio, *out[i].accuracy_delta);
    }
  }
  mark_frontier(out);
  return out;
}

std::size_t choose_submitted(std::vector<VariantSummary>& summaries,
                             std::vector<std::string>& warnings) {
  if (summaries.size() < 2) throw InputError("choose_submitted: no optimized variant to submit");
  std::size_t chosen =
      best_efficiency(summaries, [](const VariantSummary& v) { return v.on_frontier; });
  if (chosen == 0) {
    chosen = best_efficiency(summaries, [](const VariantSummary&) { return true; });
    if (chosen == 0) throw InputError("choose_submitted: no optimized variant has a score");
    warnings.push_back(fmt::format(
        "no optimized variant is on the accuracy-latency Pareto frontier; submitted {}, the best "
        "efficiency_score of all",
        summaries[chosen].name));
  }
  summaries[chosen].role = submission::to_string(submission::SideRole::kOptimized);
  return chosen;
}

}  // namespace tinyperf::workflow
