// generate_submission, save_submission, load_submission (docs/submission.md).
#include "tinyperf/submission/submission.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/version.h"
#include "tinyperf/submission/improvements.h"

namespace tinyperf::submission {
namespace {

using nlohmann::json;

constexpr double kBytesPerMiB = 1024.0 * 1024.0;

void require_measured(const BenchmarkReport& report) {
  if (report.latency_samples_ms.empty()) {
    throw InputError(
        fmt::format("generate_submission: report \"{}\" has no latency samples "
                    "(run benchmark_model first)",
                    report.model_name));
  }
}

// `value` of `report`, which must have been measured.
double measured(const std::optional<double>& value, const BenchmarkReport& report,
                std::string_view what) {
  if (!value) {
    throw InputError(
        fmt::format("generate_submission: report \"{}\" has no {} (run "
                    "benchmark_model first)",
                    report.model_name, what));
  }
  return *value;
}

ModelIdentity stored_model(ModelIdentity model, const BenchmarkReport& report) {
  if (model.size_bytes.value_or(0) == 0) {
    const double mb = measured(report.metrics.model_size_mb, report, "model size");
    model.size_bytes = static_cast<std::uint64_t>(std::llround(mb * kBytesPerMiB));
  }
  return model;
}

Side side_of_report(const BenchmarkReport& report, const ModelIdentity& model) {
  require_measured(report);
  Side s;
  s.model_name = report.model_name;
  s.model = stored_model(model, report);
  s.metrics = report.metrics;
  s.latency_samples_ms = report.latency_samples_ms;
  s.measurement = report.measurement;
  return s;
}

Tool this_tool() {
  const BuildInfo& info = build_info();
  Tool t;
  t.name = "tinyperf";
  t.version = info.version;
  t.git_commit = info.git_commit;
  t.build_type = info.build_type;
  t.compiler = info.compiler;
  t.flags = info.flags;
  return t;
}

// The submission rules' improvements, and the comparison of the raw samples behind them.
Improvements improvements_between(const Side& base, const BenchmarkReport& base_report,
                                  const Side& opt, const BenchmarkReport& opt_report,
                                  const stats::CompareOptions& options) {
  for (const auto* r : {&base_report, &opt_report}) {
    measured(r->metrics.latency_ms_median, *r, "median latency");
    measured(r->metrics.model_size_mb, *r, "model size");
    measured(r->metrics.accuracy, *r, "accuracy");
  }
  return improvements_of(base, opt, options);
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

std::vector<Side> candidate_sides(std::span<const SubmissionCandidate> candidates) {
  std::vector<Side> out;
  for (const auto& c : candidates) {
    if (c.report == nullptr) throw InputError("generate_submission: a candidate has no report");
    Side side = side_of_report(*c.report, c.model);
    side.techniques_applied = c.techniques_applied;
    out.push_back(std::move(side));
  }
  return out;
}

Submission header_of(const BenchmarkReport& baseline, const std::string& submitter,
                     const SubmissionContext& context) {
  Submission s;
  s.format = SubmissionFormat::kTinyperfV1;
  s.schema_version = std::string(kSubmissionSchemaVersion);
  s.submission_type = "capstone_benchmark";
  s.timestamp = baseline.timestamp;
  if (!submitter.empty()) s.submitter = submitter;
  s.tool = this_tool();
  s.system_info = parse_system_info(baseline.system_info);
  s.workload = context.workload;
  s.settings = context.settings;
  return s;
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
  s.scenario = "single_stream";
  s.warmup_runs = latency.value("warmup_runs", std::uint64_t{0});
  s.measurement_runs = report.latency_samples_ms.size();
  s.min_duration_s = min_duration_s;
  s.batch_size = 1;
  s.threads = threads;
  s.seed = latency.value("seed", std::uint64_t{0});
  s.interleaved = latency.value("order", std::string()) == "interleaved";
  return s;
}

Submission generate_submission(const BenchmarkReport& baseline, const BenchmarkReport* optimized,
                               std::span<const std::string> techniques_applied,
                               const std::string& submitter, const SubmissionContext& context) {
  Submission s = header_of(baseline, submitter, context);
  s.baseline = side_of_report(baseline, context.baseline_model);
  std::vector<const BenchmarkReport*> reports = {&baseline};
  if (optimized != nullptr) {
    s.optimized = side_of_report(*optimized, context.optimized_model);
    s.optimized->techniques_applied.emplace(techniques_applied.begin(), techniques_applied.end());
    s.improvements =
        improvements_between(s.baseline, baseline, *s.optimized, *optimized, context.compare);
    reports.push_back(optimized);
  }
  s.candidates = candidate_sides(context.candidates);
  if (!context.scenarios.empty()) s.scenarios = context.scenarios;
  s.warnings = merged_warnings(reports, context.warnings);
  return s;
}

std::string listed_errors(const ValidationResult& result, std::size_t max_listed) {
  std::string out;
  for (std::size_t i = 0; i < result.errors.size() && i < max_listed; ++i) {
    out += fmt::format("{}{}: {}", i == 0 ? "" : "; ", result.errors[i].path,
                       result.errors[i].message);
  }
  if (result.errors.size() > max_listed) {
    out += fmt::format("; and {} more", result.errors.size() - max_listed);
  }
  return out;
}

void save_submission(const Submission& submission, const std::string& path) {
  const json doc = to_json(submission);
  const ValidationResult result = validate_submission(doc);
  if (!result.valid()) {
    throw InputError(fmt::format("{}: not written: the submission is invalid ({} errors): {}", path,
                                 result.errors.size(), listed_errors(result)));
  }
  // A model name need not be valid UTF-8; replace what is not rather than fail after measuring.
  write_file_atomic(path, doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

Submission load_submission(const std::string& path) {
  const json doc = read_json_file(path, kMaxSubmissionBytes);
  const ValidationResult result = validate_submission(doc);
  if (!result.valid()) {
    throw InputError(fmt::format("{}: invalid {} submission ({} errors): {}", path,
                                 to_string(result.format), result.errors.size(),
                                 listed_errors(result)));
  }
  try {
    return parse_submission(doc);
  } catch (const InputError& e) {  // valid, but a member its format leaves open is unreadable
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace tinyperf::submission
