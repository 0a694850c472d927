// generate_submission, save_submission, load_submission (spec/submission.md).
#include "tinyperf/submission/submission.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/version.h"
#include "tinyperf/stats/metrics.h"

namespace tinyperf::submission {
namespace {

using nlohmann::json;

constexpr double kBytesPerMiB = 1024.0 * 1024.0;
// The submission rules' denominator floors (validate.cc checks against the same).
constexpr double kMinLatencyMs = 1e-6;
constexpr double kMinSizeMb = 1e-9;
constexpr std::size_t kMaxListedErrors = 10;

double metric(const BenchmarkReport& report, const char* key) {
  const auto it = report.metrics.find(key);
  if (it == report.metrics.end() || !it->is_number()) {
    throw InputError(
        fmt::format("generate_submission: report \"{}\" has no numeric metrics.{} "
                    "(run benchmark_model first)",
                    report.model_name, key));
  }
  return it->get<double>();
}

void require_measured(const BenchmarkReport& report) {
  if (report.latency_samples_ms.empty()) {
    throw InputError(
        fmt::format("generate_submission: report \"{}\" has no latency samples "
                    "(run benchmark_model first)",
                    report.model_name));
  }
}

json model_json(const ModelIdentity& model, const BenchmarkReport& report) {
  const std::uint64_t size =
      model.size_bytes != 0 ? model.size_bytes
                            : static_cast<std::uint64_t>(
                                  std::llround(metric(report, "model_size_mb") * kBytesPerMiB));
  return {{"format", model.format},
          {"precision", model.precision},
          {"size_bytes", size},
          {"sha256", model.sha256}};
}

json side_json(const BenchmarkReport& report, const ModelIdentity& model) {
  require_measured(report);
  return {{"model_name", report.model_name},
          {"model", model_json(model, report)},
          {"metrics", report.metrics},
          {"samples", {{"latency_ms", report.latency_samples_ms}}},
          {"measurement", report.measurement}};
}

json tool_json() {
  const BuildInfo& info = build_info();
  return {{"name", "tinyperf"},
          {"version", info.version},
          {"git_commit", info.git_commit},
          {"build_type", info.build_type},
          {"compiler", info.compiler},
          {"flags", info.flags}};
}

json workload_json(const Workload& w) {
  return {{"dataset",
           {{"name", w.dataset_name},
            {"split", w.split},
            {"num_samples", w.num_samples},
            {"sha256", w.dataset_sha256}}},
          {"task", w.task},
          {"input_shape", w.input_shape}};
}

json settings_json(const RunSettings& s) {
  return {{"scenario", s.scenario},
          {"warmup_runs", s.warmup_runs},
          {"measurement_runs", s.measurement_runs},
          {"min_duration_s", s.min_duration_s},
          {"batch_size", s.batch_size},
          {"threads", s.threads},
          {"seed", s.seed},
          {"interleaved", s.interleaved}};
}

// The submission rules' improvements, and the comparison of the raw samples behind them.
json improvements_json(const BenchmarkReport& base, const BenchmarkReport& opt,
                       const stats::CompareOptions& options) {
  const double speedup =
      metric(base, "latency_ms_median") / std::max(metric(opt, "latency_ms_median"), kMinLatencyMs);
  const double ratio =
      metric(base, "model_size_mb") / std::max(metric(opt, "model_size_mb"), kMinSizeMb);
  const double delta = metric(opt, "accuracy") - metric(base, "accuracy");
  const stats::Comparison c =
      stats::compare(base.latency_samples_ms, opt.latency_samples_ms, options);
  return {{"speedup", speedup},
          {"compression_ratio", ratio},
          {"accuracy_delta", delta},
          {"speedup_ci95", {c.speedup_ci95.lo, c.speedup_ci95.hi}},
          {"p_value", c.p_value},
          {"welch_p_value", c.welch_p_value},
          {"test", "mann_whitney_u"},
          {"verdict", stats::to_string(c.verdict)},
          {"efficiency_score", stats::efficiency_score(speedup, ratio, delta)}};
}

// Each report's warnings, prefixed with its model name unless every report carries the warning.
std::vector<std::string> merged_warnings(std::span<const BenchmarkReport* const> reports,
                                         std::span<const std::string> extra) {
  std::vector<std::string> out;
  const auto shared = [&](const std::string& w) {
    return std::all_of(reports.begin(), reports.end(), [&](const BenchmarkReport* r) {
      return std::find(r->warnings.begin(), r->warnings.end(), w) != r->warnings.end();
    });
  };
  for (const BenchmarkReport* r : reports) {
    for (const auto& w : r->warnings) {
      std::string text = shared(w) ? w : r->model_name + ": " + w;
      if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
    }
  }
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

json candidates_json(std::span<const SubmissionCandidate> candidates) {
  json out = json::array();
  for (const auto& c : candidates) {
    if (c.report == nullptr) throw InputError("generate_submission: a candidate has no report");
    json side = side_json(*c.report, c.model);
    side["techniques_applied"] = c.techniques_applied;
    out.push_back(std::move(side));
  }
  return out;
}

std::string listed_errors(const ValidationResult& result) {
  std::string out;
  for (std::size_t i = 0; i < result.errors.size() && i < kMaxListedErrors; ++i) {
    out += fmt::format("{}{}: {}", i == 0 ? "" : "; ", result.errors[i].path,
                       result.errors[i].message);
  }
  if (result.errors.size() > kMaxListedErrors) {
    out += fmt::format("; and {} more", result.errors.size() - kMaxListedErrors);
  }
  return out;
}

}  // namespace

RunSettings settings_of(const BenchmarkReport& report, double min_duration_s,
                        std::uint64_t threads) {
  const json& latency =
      report.measurement.contains("latency") ? report.measurement["latency"] : json();
  if (!latency.is_object()) {
    throw InputError(
        fmt::format("settings_of: report \"{}\" holds no latency measurement", report.model_name));
  }
  RunSettings s;
  s.warmup_runs = latency.value("warmup_runs", std::uint64_t{0});
  s.measurement_runs = report.latency_samples_ms.size();
  s.seed = latency.value("seed", std::uint64_t{0});
  s.interleaved = latency.value("order", std::string()) == "interleaved";
  s.min_duration_s = min_duration_s;
  s.threads = threads;
  return s;
}

json generate_submission(const BenchmarkReport& baseline, const BenchmarkReport* optimized,
                         std::span<const std::string> techniques_applied,
                         const std::string& submitter, const SubmissionContext& context) {
  json doc = {{"schema_version", kSubmissionSchemaVersion},
              {"submission_type", "capstone_benchmark"},
              {"timestamp", baseline.timestamp}};
  if (!submitter.empty()) doc["submitter"] = submitter;
  doc["tool"] = tool_json();
  doc["system_info"] = baseline.system_info;
  doc["workload"] = workload_json(context.workload);
  doc["settings"] = settings_json(context.settings);
  doc["baseline"] = side_json(baseline, context.baseline_model);
  std::vector<const BenchmarkReport*> reports = {&baseline};
  if (optimized != nullptr) {
    doc["optimized"] = side_json(*optimized, context.optimized_model);
    doc["optimized"]["techniques_applied"] = techniques_applied;
    doc["improvements"] = improvements_json(baseline, *optimized, context.compare);
    reports.push_back(optimized);
  }
  if (!context.candidates.empty()) doc["candidates"] = candidates_json(context.candidates);
  if (!context.scenarios.empty()) doc["scenarios"] = context.scenarios;
  doc["warnings"] = merged_warnings(reports, context.warnings);
  return doc;
}

void save_submission(const json& submission, const std::string& path) {
  const ValidationResult result = validate_submission(submission);
  if (!result.valid()) {
    throw InputError(fmt::format("{}: not written: the submission is invalid ({} errors): {}", path,
                                 result.errors.size(), listed_errors(result)));
  }
  // A model name need not be valid UTF-8; replace what is not rather than fail after measuring.
  write_file_atomic(path, submission.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

json load_submission(const std::string& path) {
  json doc = read_json_file(path, kMaxSubmissionBytes);
  const ValidationResult result = validate_submission(doc);
  if (!result.valid()) {
    throw InputError(fmt::format("{}: invalid {} submission ({} errors): {}", path,
                                 to_string(result.format), result.errors.size(),
                                 listed_errors(result)));
  }
  return doc;
}

}  // namespace tinyperf::submission
