// to_json of the typed document (document.h), and the small queries on it.
#include "tinyperf/submission/document.h"
#include "tinyperf/core/choice.h"

#include <array>
#include <stdexcept>

#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::submission {
namespace {

using nlohmann::json;

template <class T>
void put(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

json interval_json(const stats::Interval& i) { return json::array({i.lo, i.hi}); }

json model_json(const ModelIdentity& m) {
  json out = m.extra;
  put(out, "format", m.format);
  put(out, "precision", m.precision);
  put(out, "size_bytes", m.size_bytes);
  put(out, "sha256", m.sha256);
  return out;
}

json improvements_json(const Improvements& i) {
  json out = i.extra;
  put(out, "speedup", i.speedup);
  put(out, "compression_ratio", i.compression_ratio);
  put(out, "accuracy_delta", i.accuracy_delta);
  if (i.speedup_ci95) out["speedup_ci95"] = interval_json(*i.speedup_ci95);
  put(out, "p_value", i.p_value);
  put(out, "welch_p_value", i.welch_p_value);
  put(out, "test", i.test);
  if (i.verdict) out["verdict"] = stats::to_string(*i.verdict);
  put(out, "efficiency_score", i.efficiency_score);
  return out;
}

void put_run_additions(json& out, const RunSettings& s) {
  put(out, "quick", s.quick);
  if (s.data) out["data"] = {{"spec", s.data->spec}, {"chosen_by", s.data->chosen_by}};
  if (s.baseline) {
    json& b = out["baseline"] = {{"source", s.baseline->source}};
    if (!s.baseline->recipe.is_null()) b["recipe"] = s.baseline->recipe;
  }
  if (!s.budget.is_null()) out["budget"] = s.budget;
}

void put_header(json& out, const Submission& s) {
  put(out, "schema_version", s.schema_version);
  put(out, "tinytorch_version", s.tinytorch_version);
  put(out, "submission_type", s.submission_type);
  put(out, "timestamp", s.timestamp);
  put(out, "student_name", s.student_name);
  put(out, "submitter", s.submitter);
  if (s.tool) out["tool"] = to_json(*s.tool);
  if (s.system_info) out["system_info"] = to_json(*s.system_info);
  if (s.workload) out["workload"] = to_json(*s.workload);
  if (s.settings) out["settings"] = to_json(*s.settings);
}

}  // namespace

namespace {
constexpr std::array<Choice<SideRole>, 3> kSideRoles{{{"baseline", SideRole::kBaseline},
                                                      {"optimized", SideRole::kOptimized},
                                                      {"candidate", SideRole::kCandidate}}};
}  // namespace

std::string_view to_string(SideRole role) { return choice_name(kSideRoles, role); }

json to_json(const Metrics& m) {
  json out = m.extra;
  put(out, "parameter_count", m.parameter_count);
  put(out, "model_size_mb", m.model_size_mb);
  put(out, "accuracy", m.accuracy);
  put(out, "latency_ms_mean", m.latency_ms_mean);
  put(out, "latency_ms_std", m.latency_ms_std);
  put(out, "latency_ms_median", m.latency_ms_median);
  put(out, "latency_ms_p90", m.latency_ms_p90);
  put(out, "latency_ms_p95", m.latency_ms_p95);
  put(out, "latency_ms_p99", m.latency_ms_p99);
  put(out, "throughput_samples_per_sec", m.throughput_samples_per_sec);
  if (m.latency_ms_ci95) {
    out["latency_ms_ci95"] = *m.latency_ms_ci95 ? interval_json(**m.latency_ms_ci95) : json();
  }
  put(out, "peak_memory_mb", m.peak_memory_mb);
  put(out, "energy_j_per_inference", m.energy_j_per_inference);
  put(out, "energy_method", m.energy_method);
  return out;
}

json to_json(const Side& s) {
  json out = s.extra;
  out["model_name"] = s.model_name;
  if (s.model) out["model"] = model_json(*s.model);
  out["metrics"] = to_json(s.metrics);
  if (s.latency_samples_ms) out["samples"] = {{"latency_ms", *s.latency_samples_ms}};
  put(out, "techniques_applied", s.techniques_applied);
  if (!s.measurement.is_null()) out["measurement"] = s.measurement;
  return out;
}

json to_json(const Tool& t) {
  json out = t.extra;
  put(out, "name", t.name);
  put(out, "version", t.version);
  put(out, "git_commit", t.git_commit);
  put(out, "build_type", t.build_type);
  put(out, "compiler", t.compiler);
  put(out, "flags", t.flags);
  return out;
}

json to_json(const SystemInfo& s) {
  json out = s.rest.is_object() ? s.rest : json::object();
  put(out, "platform", s.platform);
  put(out, "processor", s.processor);
  put(out, "python_version", s.python_version);
  return out;
}

json to_json(const Workload& w) {
  json out = w.extra;
  json dataset = json::object();
  put(dataset, "name", w.dataset_name);
  put(dataset, "split", w.split);
  put(dataset, "num_samples", w.num_samples);
  put(dataset, "sha256", w.dataset_sha256);
  if (!dataset.empty()) out["dataset"] = std::move(dataset);
  put(out, "task", w.task);
  if (!w.input_shape.empty()) out["input_shape"] = w.input_shape;
  return out;
}

json to_json(const RunSettings& s) {
  json out = s.extra;
  put(out, "scenario", s.scenario);
  put(out, "warmup_runs", s.warmup_runs);
  put(out, "measurement_runs", s.measurement_runs);
  put(out, "min_duration_s", s.min_duration_s);
  put(out, "batch_size", s.batch_size);
  put(out, "threads", s.threads);
  put(out, "seed", s.seed);
  put(out, "interleaved", s.interleaved);
  put_run_additions(out, s);
  return out;
}

json to_json(const Submission& s) {
  json out = s.extra;
  put_header(out, s);
  out["baseline"] = to_json(s.baseline);
  if (s.optimized) out["optimized"] = to_json(*s.optimized);
  if (s.improvements) out["improvements"] = improvements_json(*s.improvements);
  if (!s.candidates.empty()) {
    json& list = out["candidates"] = json::array();
    for (const Side& c : s.candidates) list.push_back(to_json(c));
  }
  if (!s.scenarios.is_null()) out["scenarios"] = s.scenarios;
  put(out, "warnings", s.warnings);
  return out;
}

std::string submitter_of(const Submission& s) {
  if (s.student_name && !s.student_name->empty()) return *s.student_name;
  return s.submitter.value_or("");
}

const Side& side_of(const Submission& s, SideRole role) {
  if (role == SideRole::kBaseline) return s.baseline;
  if (role != SideRole::kOptimized) throw std::invalid_argument("side_of: not a single side");
  if (!s.optimized) throw InputError("$.optimized: required field is missing");
  return *s.optimized;
}

std::span<const double> latency_samples_of(const Submission& s, SideRole role) {
  const Side& side = side_of(s, role);
  if (!side.latency_samples_ms || side.latency_samples_ms->empty()) {
    throw InputError(fmt::format("$.{}.samples.latency_ms: {}", to_string(role),
                                 side.latency_samples_ms ? "expected at least one value, got []"
                                                         : "required field is missing"));
  }
  return *side.latency_samples_ms;
}

namespace {

template <class T>
const T& required(const std::optional<T>& value, std::string_view path) {
  if (!value) throw InputError(fmt::format("{} is missing", path));
  return *value;
}

}  // namespace

RunProvenance run_provenance_of(const Submission& s) {
  RunProvenance p;
  p.timestamp = required(s.timestamp, "$.timestamp");
  const Tool& tool = required(s.tool, "$.tool");
  p.git_commit = required(tool.git_commit, "$.tool.git_commit");
  p.tool_version = required(tool.version, "$.tool.version");
  p.processor =
      required(required(s.system_info, "$.system_info").processor, "$.system_info.processor");
  const RunSettings& settings = required(s.settings, "$.settings");
  p.scenario = required(settings.scenario, "$.settings.scenario");
  p.batch_size = required(settings.batch_size, "$.settings.batch_size");
  p.threads = required(settings.threads, "$.settings.threads");
  return p;
}

std::vector<SideRef> sides_of(const Submission& s) {
  std::vector<SideRef> out = {{SideRole::kBaseline, &s.baseline}};
  if (s.optimized) out.push_back({SideRole::kOptimized, &*s.optimized});
  for (const Side& c : s.candidates) out.push_back({SideRole::kCandidate, &c});
  return out;
}

std::vector<double> latency_run_medians_ms(const Side& side) {
  if (!side.measurement.is_object()) return {};
  const auto latency = side.measurement.find("latency");
  if (latency == side.measurement.end() || !latency->is_object()) return {};
  const auto medians = latency->find("run_medians_ms");
  if (medians == latency->end() || !medians->is_array()) return {};
  std::vector<double> out;
  for (const nlohmann::json& v : *medians) {
    if (!v.is_number() || !(v.get<double>() > 0.0) || !std::isfinite(v.get<double>())) return {};
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace tinyperf::submission
