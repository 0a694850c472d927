#include "render_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/metrics.h"

namespace tinyperf::report::detail {
namespace {

using nlohmann::json;

enum class Range { kPositive, kNonNegative, kFraction };

std::string child(const std::string& path, std::string_view key) {
  return fmt::format("{}.{}", path, key);
}

std::string_view type_name(const json& value) { return value.type_name(); }

bool in_range(double x, Range range) {
  switch (range) {
    case Range::kPositive:
      return x > 0.0;
    case Range::kNonNegative:
      return x >= 0.0;
    case Range::kFraction:
      return x >= 0.0 && x <= 1.0;
  }
  return false;
}

std::string_view range_text(Range range) {
  switch (range) {
    case Range::kPositive:
      return "a finite number > 0";
    case Range::kNonNegative:
      return "a finite number >= 0";
    case Range::kFraction:
      return "a number in [0, 1]";
  }
  return "";
}

// The member `key` of `obj` as a number; empty when absent or null. InputError naming the path
// when it is there but not a finite number within `range`.
std::optional<double> number_at(const json& obj, std::string_view key, const std::string& path,
                                Range range) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  const double x = it->is_number() ? it->get<double>() : NAN;
  if (!it->is_number() || !std::isfinite(x) || !in_range(x, range)) {
    throw InputError(
        fmt::format("{}: expected {}, got {}", child(path, key), range_text(range),
                    it->is_number() ? fmt::format("{}", x) : std::string(type_name(*it))));
  }
  return x;
}

std::string string_at(const json& obj, std::string_view key, const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (!it->is_string()) {
    throw InputError(
        fmt::format("{}: expected a string, got {}", child(path, key), type_name(*it)));
  }
  return it->get<std::string>();
}

// The member `key` when it is an object, else an empty object (absent) or InputError.
json object_at(const json& obj, std::string_view key, const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return json::object();
  if (!it->is_object()) {
    throw InputError(
        fmt::format("{}: expected an object, got {}", child(path, key), type_name(*it)));
  }
  return *it;
}

std::vector<std::string> strings_at(const json& obj, std::string_view key,
                                    const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_array()) {
    throw InputError(
        fmt::format("{}: expected a list of strings, got {}", child(path, key), type_name(*it)));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      throw InputError(fmt::format("{}[{}]: expected a string, got {}", child(path, key), i,
                                   type_name((*it)[i])));
    }
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

std::vector<double> samples_at(const json& side, const std::string& path) {
  const json samples = object_at(side, "samples", path);
  const auto it = samples.find("latency_ms");
  const std::string where = child(path, "samples.latency_ms");
  if (it == samples.end() || it->is_null()) return {};
  if (!it->is_array()) {
    throw InputError(fmt::format("{}: expected a list of numbers, got {}", where, type_name(*it)));
  }
  std::vector<double> out;
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_number() || !(v.get<double>() > 0.0) || !std::isfinite(v.get<double>())) {
      throw InputError(fmt::format("{}[{}]: expected a finite latency > 0 ms", where, i));
    }
    out.push_back(v.get<double>());
  }
  return out;
}

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

void read_latency(VariantView& v, const json& metrics, const std::string& path) {
  v.mean_ms = number_at(metrics, "latency_ms_mean", path, Range::kPositive);
  if (!v.samples_ms.empty()) {
    v.mean_ms = stats::mean(v.samples_ms);
    v.summary = stats::summarize(v.samples_ms);
    v.box = box_of(v.samples_ms, *v.summary);
    v.latency_ms = v.summary->median;
    v.latency_source = "samples";
  } else if (auto median = number_at(metrics, "latency_ms_median", path, Range::kPositive)) {
    v.latency_ms = median;
    v.latency_source = "latency_ms_median";
  } else if (v.mean_ms) {
    v.latency_ms = v.mean_ms;
    v.latency_source = "latency_ms_mean";
  }
}

VariantView read_variant(const json& side, const std::string& path, Role role) {
  if (!side.is_object()) {
    throw InputError(fmt::format("{}: expected an object, got {}", path, type_name(side)));
  }
  VariantView v;
  v.role = role;
  v.name = string_at(side, "model_name", path);
  if (v.name.empty()) throw InputError(fmt::format("{}.model_name: missing or empty", path));
  v.techniques = strings_at(side, "techniques_applied", path);
  const json metrics = object_at(side, "metrics", path);
  const std::string mpath = child(path, "metrics");
  v.accuracy = number_at(metrics, "accuracy", mpath, Range::kFraction);
  v.size_mb = number_at(metrics, "model_size_mb", mpath, Range::kPositive);
  v.peak_memory_mb = number_at(metrics, "peak_memory_mb", mpath, Range::kPositive);
  v.throughput = number_at(metrics, "throughput_samples_per_sec", mpath, Range::kPositive);
  v.energy_j = number_at(metrics, "energy_j_per_inference", mpath, Range::kNonNegative);
  v.energy_method = string_at(metrics, "energy_method", mpath);
  v.samples_ms = samples_at(side, path);
  read_latency(v, metrics, mpath);
  return v;
}

bool has_median(const VariantView& v) {
  return v.latency_ms && v.latency_source != "latency_ms_mean";
}

// The submission rule: medians when both sides have one, else means (when both have one).
std::optional<double> speedup_of(const VariantView& base, const VariantView& v) {
  if (has_median(base) && has_median(v)) return stats::speedup(*base.latency_ms, *v.latency_ms);
  if (base.mean_ms && v.mean_ms) return stats::speedup(*base.mean_ms, *v.mean_ms);
  return std::nullopt;
}

std::optional<VersusBaseline> versus(const VariantView& base, const VariantView& v, bool paired) {
  const auto speedup = speedup_of(base, v);
  if (!speedup && !(base.size_mb && v.size_mb) && !(base.accuracy && v.accuracy))
    return std::nullopt;
  VersusBaseline out;
  out.speedup = speedup;
  if (!base.samples_ms.empty() && !v.samples_ms.empty()) {
    stats::CompareOptions options;
    options.paired = paired && base.samples_ms.size() == v.samples_ms.size();
    const stats::Comparison c = stats::compare(base.samples_ms, v.samples_ms, options);
    out.speedup = c.speedup;
    out.speedup_ci95 = c.speedup_ci95;
    out.p_value = c.p_value;
    out.verdict = c.verdict;
  }
  if (base.size_mb && v.size_mb) out.compression_ratio = *base.size_mb / *v.size_mb;
  if (base.accuracy && v.accuracy) out.accuracy_delta = *v.accuracy - *base.accuracy;
  if (speedup && out.compression_ratio && out.accuracy_delta) {
    out.efficiency_score =
        stats::efficiency_score(*out.speedup, *out.compression_ratio, *out.accuracy_delta);
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
  double lo = std::numeric_limits<double>::infinity();
  double hi = 0.0;
  for (const auto& v : variants) {
    if (!v.latency_ms) continue;
    lo = std::min(lo, *v.latency_ms);
    hi = std::max(hi, *v.latency_ms);
  }
  LatencyUnit unit = hi >= 1.0 ? LatencyUnit{1.0, "ms", 2} : LatencyUnit{1000.0, "\xC2\xB5s", 2};
  if (std::isfinite(lo)) {
    const int magnitude = static_cast<int>(std::floor(std::log10(lo * unit.per_ms)));
    unit.decimals = std::clamp(2 - magnitude, 0, 4);
  }
  return unit;
}

void read_variants(ReportView& view, const json& doc) {
  const auto base = doc.find("baseline");
  if (base == doc.end()) throw InputError("$.baseline: missing (a submission needs a baseline)");
  view.variants.push_back(read_variant(*base, "$.baseline", Role::kBaseline));
  const auto opt = doc.find("optimized");
  if (opt != doc.end() && !opt->is_null()) {
    view.variants.push_back(read_variant(*opt, "$.optimized", Role::kOptimized));
  }
  const auto cands = doc.find("candidates");
  if (cands == doc.end() || cands->is_null()) return;
  if (!cands->is_array()) {
    throw InputError(fmt::format("$.candidates: expected a list, got {}", type_name(*cands)));
  }
  for (std::size_t i = 0; i < cands->size(); ++i) {
    view.variants.push_back(
        read_variant((*cands)[i], fmt::format("$.candidates[{}]", i), Role::kCandidate));
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
void note_disagreement(ReportView& view, const json& doc) {
  if (view.variants.size() < 2 || view.variants[1].role != Role::kOptimized) return;
  const auto& v = view.variants[1].versus;
  const json imp = object_at(doc, "improvements", "$");
  if (!v || !v->verdict || !imp.contains("verdict") || !imp["verdict"].is_string()) return;
  const std::string stated = imp["verdict"].get<std::string>();
  if (stated == stats::to_string(*v->verdict)) return;
  view.notes.push_back(fmt::format(
      "The file's improvements.verdict is \"{}\", but the verdict recomputed from its samples "
      "is \"{}\"; the report shows the recomputed one.",
      stated, stats::to_string(*v->verdict)));
}

}  // namespace

ReportView build_report_view(const json& doc) {
  if (!doc.is_object()) {
    throw InputError(fmt::format("$: expected a submission object, got {}", type_name(doc)));
  }
  ReportView view;
  view.timestamp = string_at(doc, "timestamp", "$");
  view.submitter = string_at(doc, "student_name", "$");
  if (view.submitter.empty()) view.submitter = string_at(doc, "submitter", "$");
  view.tool = object_at(doc, "tool", "$");
  view.system_info = object_at(doc, "system_info", "$");
  view.workload = object_at(doc, "workload", "$");
  view.settings = object_at(doc, "settings", "$");
  view.scenarios = object_at(doc, "scenarios", "$");
  view.warnings = strings_at(doc, "warnings", "$");
  const auto interleaved = view.settings.find("interleaved");
  view.paired =
      interleaved != view.settings.end() && interleaved->is_boolean() && interleaved->get<bool>();
  read_variants(view, doc);
  for (std::size_t i = 1; i < view.variants.size(); ++i) {
    view.variants[i].versus = versus(view.variants[0], view.variants[i], view.paired);
  }
  view.frontier = frontier_of(view.variants);
  view.unit = unit_of(view.variants);
  note_missing_samples(view);
  note_disagreement(view, doc);
  return view;
}

double in_unit(const ReportView& view, double ms) { return ms * view.unit.per_ms; }

}  // namespace tinyperf::report::detail
