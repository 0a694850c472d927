// parse_submission: the document's keys, read into typed values (document.h).
#include <array>

#include <fmt/core.h>

#include "document_reader.h"
#include "tinyperf/core/error.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::submission {
namespace {

using detail::Json;
using detail::ObjectReader;
using detail::Range;

constexpr std::array<stats::Verdict, 4> kVerdicts = {
    stats::Verdict::kFaster, stats::Verdict::kSlower, stats::Verdict::kNoChange,
    stats::Verdict::kInconclusive};

Metrics parse_metrics(const ObjectReader& r) {
  Metrics m;
  m.parameter_count = r.count("parameter_count", Range::kPositive);
  m.model_size_mb = r.number("model_size_mb", Range::kPositive);
  m.accuracy = r.number("accuracy", Range::kFraction);
  m.latency_ms_mean = r.number("latency_ms_mean", Range::kPositive);
  m.latency_ms_std = r.number("latency_ms_std", Range::kNonNegative);
  m.latency_ms_median = r.number("latency_ms_median", Range::kPositive);
  m.latency_ms_p90 = r.number("latency_ms_p90", Range::kPositive);
  m.latency_ms_p95 = r.number("latency_ms_p95", Range::kPositive);
  m.latency_ms_p99 = r.number("latency_ms_p99", Range::kPositive);
  m.throughput_samples_per_sec = r.number("throughput_samples_per_sec", Range::kPositive);
  if (r.contains("latency_ms_ci95")) m.latency_ms_ci95 = r.interval("latency_ms_ci95");
  m.peak_memory_mb = r.number("peak_memory_mb", Range::kPositive);
  m.energy_j_per_inference = r.number("energy_j_per_inference", Range::kNonNegative);
  m.energy_method = r.string("energy_method");
  m.extra =
      r.unknown_members({"parameter_count", "model_size_mb", "accuracy", "latency_ms_mean",
                         "latency_ms_std", "latency_ms_median", "latency_ms_p90", "latency_ms_p95",
                         "latency_ms_p99", "throughput_samples_per_sec", "latency_ms_ci95",
                         "peak_memory_mb", "energy_j_per_inference", "energy_method"});
  return m;
}

ModelIdentity parse_model(const ObjectReader& r) {
  ModelIdentity m;
  m.format = r.string("format");
  m.precision = r.string("precision");
  m.size_bytes = r.count("size_bytes", Range::kPositive);
  m.sha256 = r.string("sha256");
  m.extra = r.unknown_members({"format", "precision", "size_bytes", "sha256"});
  return m;
}

Side parse_side(const ObjectReader& r) {
  Side s;
  s.model_name = r.required_string("model_name");
  if (const auto model = r.object("model")) s.model = parse_model(*model);
  if (const auto metrics = r.object("metrics")) s.metrics = parse_metrics(*metrics);
  if (const auto samples = r.object("samples")) {
    s.latency_samples_ms = samples->numbers("latency_ms", Range::kPositive);
  }
  s.techniques_applied = r.strings("techniques_applied");
  s.measurement = r.raw("measurement");
  s.extra = r.unknown_members(
      {"model_name", "model", "metrics", "samples", "techniques_applied", "measurement"});
  return s;
}

Improvements parse_improvements(const ObjectReader& r) {
  Improvements i;
  i.speedup = r.number("speedup", Range::kPositive);
  i.compression_ratio = r.number("compression_ratio", Range::kPositive);
  i.accuracy_delta = r.number("accuracy_delta", Range::kSignedFraction);
  i.speedup_ci95 = r.interval("speedup_ci95");
  i.p_value = r.number("p_value", Range::kFraction);
  i.welch_p_value = r.number("welch_p_value", Range::kFraction);
  i.test = r.string("test");
  const auto verdict =
      r.one_of("verdict", {stats::to_string(kVerdicts[0]), stats::to_string(kVerdicts[1]),
                           stats::to_string(kVerdicts[2]), stats::to_string(kVerdicts[3])});
  if (verdict) i.verdict = kVerdicts[*verdict];
  i.efficiency_score = r.number("efficiency_score", Range::kPositive);
  i.extra = r.unknown_members({"speedup", "compression_ratio", "accuracy_delta", "speedup_ci95",
                               "p_value", "welch_p_value", "test", "verdict", "efficiency_score"});
  return i;
}

Tool parse_tool(const ObjectReader& r) {
  Tool t;
  t.name = r.string("name");
  t.version = r.string("version");
  t.git_commit = r.string("git_commit");
  t.build_type = r.string("build_type");
  t.compiler = r.string("compiler");
  t.flags = r.string("flags");
  t.extra = r.unknown_members({"name", "version", "git_commit", "build_type", "compiler", "flags"});
  return t;
}

SystemInfo parse_system_info_at(const ObjectReader& r) {
  SystemInfo s;
  s.platform = r.string("platform");
  s.processor = r.string("processor");
  s.python_version = r.string("python_version");
  s.rest = r.unknown_members({"platform", "processor", "python_version"});
  return s;
}

Workload parse_workload(const ObjectReader& r) {
  Workload w;
  if (const auto dataset = r.object("dataset")) {
    w.dataset_name = dataset->string("name");
    w.split = dataset->string("split");
    w.num_samples = dataset->count("num_samples", Range::kPositive);
    w.dataset_sha256 = dataset->string("sha256");
  }
  w.task = r.string("task");
  w.input_shape = r.counts("input_shape", Range::kPositive).value_or(std::vector<std::uint64_t>{});
  w.extra = r.unknown_members({"dataset", "task", "input_shape"});
  return w;
}

void parse_run_additions(const ObjectReader& r, RunSettings& s) {
  s.quick = r.boolean("quick");
  if (const auto data = r.object("data")) {
    s.data = DataChoice{data->required_string("spec"), data->required_string("chosen_by")};
  }
  if (const auto baseline = r.object("baseline")) {
    s.baseline = BaselineOrigin{baseline->required_string("source"), baseline->raw("recipe")};
  }
  s.budget = r.raw("budget");
}

RunSettings parse_settings(const ObjectReader& r) {
  RunSettings s;
  s.scenario = r.string("scenario");
  s.warmup_runs = r.count("warmup_runs", Range::kNonNegative);
  s.measurement_runs = r.count("measurement_runs", Range::kPositive);
  s.min_duration_s = r.number("min_duration_s", Range::kNonNegative);
  s.batch_size = r.count("batch_size", Range::kPositive);
  s.threads = r.count("threads", Range::kPositive);
  s.seed = r.count("seed", Range::kNonNegative);
  s.interleaved = r.boolean("interleaved");
  parse_run_additions(r, s);
  s.extra = r.unknown_members({"scenario", "warmup_runs", "measurement_runs", "min_duration_s",
                               "batch_size", "threads", "seed", "interleaved", "quick", "data",
                               "baseline", "budget"});
  return s;
}

std::vector<Side> parse_candidates(const ObjectReader& r) {
  const Json* list = r.find("candidates");
  if (list == nullptr) return {};
  if (!list->is_array()) r.fail("candidates", detail::type_problem(*list, "an array"));
  std::vector<Side> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    out.push_back(parse_side(ObjectReader((*list)[i], detail::index_path("$.candidates", i))));
  }
  return out;
}

void parse_markers(const ObjectReader& r, Submission& s) {
  s.schema_version = r.string("schema_version");
  if (s.schema_version && *s.schema_version != kSubmissionSchemaVersion) {
    r.fail("schema_version",
           fmt::format("{} is not supported (this tinyperf reads {})",
                       quote_text(*s.schema_version), quote_text(kSubmissionSchemaVersion)));
  }
  s.tinytorch_version = r.string("tinytorch_version");
  s.submission_type = r.string("submission_type");
}

template <class T, class Parse>
std::optional<T> parse_object(const ObjectReader& r, std::string_view key, Parse parse) {
  const auto object = r.object(key);
  if (!object) return std::nullopt;
  return parse(*object);
}

}  // namespace

SystemInfo parse_system_info(const nlohmann::json& block) {
  return parse_system_info_at(ObjectReader(block, "$.system_info"));
}

Submission parse_submission(const nlohmann::json& doc) {
  if (!doc.is_object()) throw InputError("$: " + detail::type_problem(doc, "a submission object"));
  const ObjectReader r(doc, "$");
  Submission s;
  s.format = detect_submission_format(doc);
  parse_markers(r, s);
  s.timestamp = r.string("timestamp");
  s.student_name = r.string("student_name");
  s.submitter = r.string("submitter");
  s.tool = parse_object<Tool>(r, "tool", parse_tool);
  s.system_info = parse_object<SystemInfo>(r, "system_info", parse_system_info_at);
  s.workload = parse_object<Workload>(r, "workload", parse_workload);
  s.settings = parse_object<RunSettings>(r, "settings", parse_settings);
  s.baseline = parse_side(r.required_object("baseline"));
  s.optimized = parse_object<Side>(r, "optimized", parse_side);
  s.improvements = parse_object<Improvements>(r, "improvements", parse_improvements);
  s.candidates = parse_candidates(r);
  if (const Json* scenarios = r.find("scenarios")) {
    if (!scenarios->is_object()) r.fail("scenarios", detail::type_problem(*scenarios, "an object"));
    s.scenarios = *scenarios;
  }
  s.warnings = r.strings("warnings");
  s.extra = r.unknown_members({"schema_version", "tinytorch_version", "submission_type",
                               "timestamp", "student_name", "submitter", "tool", "system_info",
                               "workload", "settings", "baseline", "optimized", "improvements",
                               "candidates", "scenarios", "warnings"});
  return s;
}

}  // namespace tinyperf::submission
