#include "outputs.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/core.h>

#include "measure_variants.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/report/render.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/metrics.h"
#include "tinyperf/store/store.h"
#include "tinyperf/submission/submission.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::workflow {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

submission::ModelIdentity identity(const Variant& v) {
  submission::ModelIdentity m;
  m.format = "tinyperf-model";
  m.precision = v.model.precision();
  m.size_bytes = v.size_bytes;
  m.sha256 = v.sha256;
  return m;
}

submission::Workload workload(const RunData& d) {
  const data::Dataset& test = d.splits.test;
  submission::Workload w;
  w.dataset_name = d.name;
  w.split = "test";
  w.num_samples = test.size();
  w.dataset_sha256 = test.sha256;
  w.task = d.spec == "fashion-mnist" ? "image_classification" : "classification";
  w.input_shape = {1, test.num_features};
  return w;
}

bool in_every_report(std::span<const submission::BenchmarkReport> reports, const std::string& w) {
  return std::all_of(reports.begin(), reports.end(), [&](const submission::BenchmarkReport& r) {
    return std::find(r.warnings.begin(), r.warnings.end(), w) != r.warnings.end();
  });
}

// The candidates' own warnings (generate_submission merges the baseline's and the optimized
// side's), prefixed with the model name; those every report carries are already in unprefixed.
std::vector<std::string> candidate_warnings(const SubmissionInputs& in) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < in.reports.size(); ++i) {
    if (i == in.submitted) continue;
    for (const auto& w : in.reports[i].warnings) {
      if (!in_every_report(in.reports, w)) out.push_back(in.reports[i].model_name + ": " + w);
    }
  }
  return out;
}

json budget_json(const RunBudget& b) {
  return {{"train_epochs", b.train_epochs},
          {"finetune_epochs", b.finetune_epochs},
          {"calibration_samples", b.calibration_samples},
          {"structured_fraction", b.structured_fraction},
          {"magnitude_sparsity", b.magnitude_sparsity},
          {"latency_rounds", b.latency_rounds},
          {"latency_runs", b.latency_runs},
          {"latency_run_samples", b.latency_run_samples},
          {"latency_run_warmup_s", b.latency_run_warmup_s},
          {"batch_rows", b.batch_rows},
          {"energy_min_seconds", b.energy_min_seconds},
          {"offline_min_duration_s", b.offline_min_duration_s},
          {"offline_min_samples", b.offline_min_samples},
          {"offline_max_batch", b.offline_batch}};
}

submission::SubmissionContext context_of(const SubmissionInputs& in) {
  submission::SubmissionContext c;
  c.baseline_model = identity(in.variants[0]);
  c.optimized_model = identity(in.variants[in.submitted]);
  c.workload = workload(*in.data);
  c.settings =
      submission::settings_of(in.reports[0], 0.0, static_cast<std::uint64_t>(in.options->threads));
  c.settings.scenario = "single_stream";
  c.settings.batch_size = 1;
  for (std::size_t i = 1; i < in.variants.size(); ++i) {
    if (i == in.submitted) continue;
    c.candidates.push_back({&in.reports[i], identity(in.variants[i]), in.variants[i].techniques});
  }
  c.scenarios = {{"offline", compact_scenario_json(in.offline[in.submitted],
                                                   in.reports[in.submitted].model_name)}};
  c.warnings = candidate_warnings(in);
  c.warnings.insert(c.warnings.end(), in.warnings.begin(), in.warnings.end());
  c.compare = in.compare;
  return c;
}

void add_run_settings(submission::RunSettings& s, const SubmissionInputs& in) {
  s.quick = in.options->quick;
  s.data = submission::DataChoice{in.data->spec, in.data->choice};
  s.baseline = submission::BaselineOrigin{in.baseline->source, in.baseline->recipe};
  s.budget = budget_json(in.options->budget);
}

// The submitted side's speedup, interval, test and verdict from the comparison over runs: the
// ratio of the geometric means of the run medians (what the validator recomputes for
// t_test_log_run_medians from the runs in the samples), not the ratio of the pooled samples'
// medians, which is dominated by the majority of the runs when they disagree.
void put_run_verdict(submission::Improvements& imp, const SubmissionInputs& in) {
  const submission::BenchComparison& c = in.run_comparisons[in.submitted - 1];
  imp.speedup = c.speedup;
  imp.speedup_ci95 = c.speedup_ci95;
  imp.p_value = c.p_value;
  imp.welch_p_value = c.p_value;  // the run-level test is a t-test already
  imp.test = "t_test_log_run_medians";
  imp.verdict = stats::parse_verdict(c.verdict);
  if (imp.compression_ratio && imp.accuracy_delta) {
    imp.efficiency_score =
        stats::efficiency_score(c.speedup, *imp.compression_ratio, *imp.accuracy_delta);
  }
  imp.extra["runs"] = {{"baseline", c.baseline_runs},
                       {"optimized", c.candidate_runs},
                       {"between_run_cv", c.between_run_cv},
                       {"detectable_change_80", c.detectable_change}};
}

}  // namespace

submission::Submission build_submission(const SubmissionInputs& in) {
  submission::SubmissionContext context = context_of(in);
  add_run_settings(context.settings, in);
  const Variant& opt = in.variants[in.submitted];
  submission::Submission s = submission::generate_submission(
      in.reports[0], &in.reports[in.submitted], opt.techniques, "", context);
  if (!in.run_comparisons.empty() && s.improvements) put_run_verdict(*s.improvements, in);
  const submission::ValidationResult result = submission::validate_submission(to_json(s));
  if (!result.valid()) {
    throw std::logic_error("the generated submission is invalid: " +
                           submission::listed_errors(result));
  }
  return s;
}

void check_out_dir(const std::string& out_dir) {
  std::error_code ec;
  if (out_dir.empty()) throw InputError("out_dir: the folder name is empty", "out_dir");
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec)) {
    throw InputError(fmt::format("out_dir {}: exists and is not a directory", out_dir), "out_dir");
  }
}

WrittenOutputs write_outputs(const submission::Submission& submission, const std::string& out_dir,
                             const std::string& db, const std::string& command) {
  const std::string html = report::render_html_report(submission);
  const std::string markdown = report::render_markdown_report(submission);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec)
    throw IoError(fmt::format("out_dir {}: cannot create the folder: {}", out_dir, ec.message()),
                  "out_dir");
  WrittenOutputs out;
  const auto path = [&](const char* name) { return (fs::path(out_dir) / name).string(); };
  submission::save_submission(submission, path("submission.json"));
  out.files.push_back(path("submission.json"));
  write_file_atomic(path("report.html"), html);
  out.files.push_back(path("report.html"));
  write_file_atomic(path("report.md"), markdown);
  out.files.push_back(path("report.md"));
  if (!db.empty()) {
    const auto store = store::open_store(db, store::OpenMode::kCreate);
    const std::string dir = fs::absolute(out_dir, ec).string();
    out.history_id =
        store->record_run(submission::to_json(submission), {command, "", ec ? out_dir : dir}).id;
  }
  return out;
}

}  // namespace tinyperf::workflow
