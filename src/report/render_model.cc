#include "render_model.h"

#include "tinyperf/stats/runs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include <fmt/core.h>

#include "tinyperf/stats/metrics.h"
#include "tinyperf/submission/improvements.h"

namespace tinyperf::report::detail {
namespace {

using submission::LatencyBasis;

LatencyBox box_of(std::span<const double> samples, const stats::Summary& s) {
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  LatencyBox box;
  box.p1 = stats::percentile_sorted(sorted, 1.0);
  box.p25 = stats::percentile_sorted(sorted, 25.0);
  box.median = s.median;
  box.p75 = stats::percentile_sorted(sorted, 75.0);
  box.p99 = stats::percentile_sorted(sorted, 99.0);
  box.min = s.min;
  box.max = s.max;
  box.median_ci95 = s.ci95_median;
  for (const double x : sorted) {
    if (x < box.p1 || x > box.p99) box.outside.push_back(x);
  }
  return box;
}

void read_latency(VariantView& v, const submission::Metrics& metrics) {
  v.mean_ms = metrics.latency_ms_mean;
  if (!v.samples_ms.empty()) {
    v.mean_ms = stats::mean(v.samples_ms);
    v.summary = stats::summarize(v.samples_ms);
    v.box = box_of(v.samples_ms, *v.summary);
    v.latency_ms = v.summary->median;
    v.latency_source = "samples";
  } else if (metrics.latency_ms_median) {
    v.latency_ms = metrics.latency_ms_median;
    v.latency_source = to_string(LatencyBasis::kMedian);
  } else if (v.mean_ms) {
    v.latency_ms = v.mean_ms;
    v.latency_source = to_string(LatencyBasis::kMean);
  }
}

VariantView read_variant(const submission::Side& side, Role role) {
  VariantView v;
  v.role = role;
  v.name = side.model_name;
  v.techniques = side.techniques_applied.value_or(std::vector<std::string>{});
  const submission::Metrics& m = side.metrics;
  v.accuracy = m.accuracy;
  v.size_mb = m.model_size_mb;
  v.peak_memory_mb = m.peak_memory_mb;
  v.throughput = m.throughput_samples_per_sec;
  v.energy_j = m.energy_j_per_inference;
  v.energy_method = m.energy_method.value_or("");
  v.samples_ms = side.latency_samples_ms.value_or(std::vector<double>{});
  v.run_medians_ms = submission::latency_run_medians_ms(side);
  read_latency(v, m);
  return v;
}

bool has_median(const VariantView& v) {
  return v.latency_ms && v.latency_source != to_string(LatencyBasis::kMean);
}

// The variant as the report measures it, for the improvements rule: its latency statistics
// recomputed from the raw samples when it has them, else as the file states them.
submission::Side measured_side(const VariantView& v) {
  submission::Side s;
  s.metrics.accuracy = v.accuracy;
  s.metrics.model_size_mb = v.size_mb;
  s.metrics.latency_ms_mean = v.mean_ms;
  if (has_median(v)) s.metrics.latency_ms_median = v.latency_ms;
  if (!v.samples_ms.empty()) s.latency_samples_ms = v.samples_ms;
  return s;
}

std::optional<VersusBaseline> versus(const VariantView& base, const VariantView& v, bool paired) {
  stats::CompareOptions options;
  options.paired = paired && base.samples_ms.size() == v.samples_ms.size();
  const submission::Improvements i =
      submission::improvements_of(measured_side(base), measured_side(v), options);
  if (!i.speedup && !i.compression_ratio && !i.accuracy_delta) return std::nullopt;
  VersusBaseline out;
  out.speedup = i.speedup;
  out.speedup_ci95 = i.speedup_ci95;
  out.p_value = i.p_value;
  out.verdict = i.verdict;
  out.compression_ratio = i.compression_ratio;
  out.accuracy_delta = i.accuracy_delta;
  out.efficiency_score = i.efficiency_score;
  // Runs on both sides (3 or more in all): the speedup and verdict are made over runs, as the run
  // made them (the ratio of the geometric means of the run medians, the t-test on their logs).
  if (out.speedup && !base.run_medians_ms.empty() && !v.run_medians_ms.empty() &&
      base.run_medians_ms.size() + v.run_medians_ms.size() >= 3) {
    const stats::RunComparison r =
        stats::compare_runs(base.run_medians_ms, v.run_medians_ms, options.alpha, options.noise);
    out.speedup = r.speedup;
    out.speedup_ci95 = r.speedup_ci95;
    out.p_value = r.p_value;
    out.verdict = r.verdict;
    if (out.compression_ratio && out.accuracy_delta) {
      out.efficiency_score =
          stats::efficiency_score(r.speedup, *out.compression_ratio, *out.accuracy_delta);
    }
  }
  return out;
}

std::vector<std::size_t> frontier_of(const std::vector<VariantView>& variants) {
  std::vector<std::size_t> index;
  std::vector<std::vector<double>> points;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    if (!variants[i].accuracy || !variants[i].latency_ms) continue;
    index.push_back(i);
    points.push_back({*variants[i].accuracy, *variants[i].latency_ms});
  }
  const std::vector<stats::Goal> goals = {stats::Goal::kMaximize, stats::Goal::kMinimize};
  std::vector<std::size_t> out;
  for (const std::size_t k : stats::pareto_frontier(points, goals)) out.push_back(index[k]);
  return out;
}

LatencyUnit unit_of(const std::vector<VariantView>& variants) {
  std::vector<double> medians;
  for (const auto& v : variants) {
    if (v.latency_ms) medians.push_back(*v.latency_ms);
  }
  return latency_unit(medians);
}

void read_variants(ReportView& view, const submission::Submission& s) {
  for (const submission::SideRef& side : submission::sides_of(s)) {
    view.variants.push_back(read_variant(*side.side, side.role));
  }
}

void note_missing_samples(ReportView& view) {
  for (const auto& v : view.variants) {
    if (!v.samples_ms.empty()) continue;
    view.notes.push_back(
        v.latency_ms
            ? fmt::format("{}: no raw samples in the file; its latency is the file's {}, shown "
                          "without interval, test or verdict.",
                          v.name, v.latency_source)
            : fmt::format("{}: no latency in the file.", v.name));
  }
}

// The file's own claim about the optimized side, checked against the recomputation.
void note_disagreement(ReportView& view, const submission::Submission& s) {
  if (view.variants.size() < 2 || view.variants[1].role != Role::kOptimized) return;
  const auto& v = view.variants[1].versus;
  if (!v || !v->verdict || !s.improvements || !s.improvements->verdict) return;
  const stats::Verdict stated = *s.improvements->verdict;
  if (stated == *v->verdict) return;
  view.notes.push_back(fmt::format(
      "The file's improvements.verdict is \"{}\", but the verdict recomputed from its samples "
      "is \"{}\"; the report shows the recomputed one.",
      stats::to_string(stated), stats::to_string(*v->verdict)));
}

}  // namespace

ReportView build_report_view(const submission::Submission& s) {
  ReportView view;
  view.timestamp = s.timestamp.value_or("");
  view.submitter = submission::submitter_of(s);
  view.tool = s.tool;
  view.system_info = s.system_info;
  view.workload = s.workload;
  view.settings = s.settings;
  view.scenarios = s.scenarios.is_object() ? s.scenarios : nlohmann::json::object();
  view.warnings = s.warnings.value_or(std::vector<std::string>{});
  view.paired = s.settings && s.settings->interleaved.value_or(false);
  read_variants(view, s);
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    view.variants[i].versus = versus(view.variants[0], view.variants[i], view.paired);
  }
  view.frontier = frontier_of(view.variants);
  view.unit = unit_of(view.variants);
  note_missing_samples(view);
  note_disagreement(view, s);
  return view;
}

ReportView build_report_view(const nlohmann::json& document) {
  return build_report_view(submission::parse_submission(document));
}

LatencyUnit latency_unit(std::span<const double> medians_ms) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = 0.0;
  for (const double ms : medians_ms) {
    lo = std::min(lo, ms);
    hi = std::max(hi, ms);
  }
  LatencyUnit unit = hi >= 1.0 ? LatencyUnit{1.0, "ms", 2} : LatencyUnit{1000.0, "\xC2\xB5s", 2};
  if (std::isfinite(lo) && lo > 0.0) {
    const int magnitude = static_cast<int>(std::floor(std::log10(lo * unit.per_ms)));
    unit.decimals = std::clamp(2 - magnitude, 0, 4);
  }
  return unit;
}

double in_unit(const ReportView& view, double ms) { return ms * view.unit.per_ms; }

}  // namespace tinyperf::report::detail
