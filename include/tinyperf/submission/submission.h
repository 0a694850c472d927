// Submissions (docs/submission.md): generate_submission builds a tinyperf v1 Submission
// (document.h) from the BenchmarkReports of a baseline and an optimized model (the TinyTorch
// capstone's API, with the provenance v1 adds), save_submission validates and writes it atomically,
// load_submission reads, validates and parses one of either format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/compare.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/submission/document.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {

// The settings `report` records: warmup_runs, measurement_runs (its latency samples), seed and
// interleaved from report.measurement["latency"]; scenario "single_stream" and batch_size 1
// (benchmark_model's latency protocol); min_duration_s and threads from the arguments. Throws
// InputError when the report holds no latency measurement (benchmark_model was not run).
RunSettings settings_of(const BenchmarkReport& report, double min_duration_s = 0.0,
                        std::uint64_t threads = 1);

// Another variant measured in the same run (written under "candidates", with its raw samples).
struct SubmissionCandidate {
  const BenchmarkReport* report = nullptr;  // not owned; must outlive generate_submission
  ModelIdentity model;
  std::vector<std::string> techniques_applied;
};

// Everything a v1 submission states that a BenchmarkReport does not know. A model's size_bytes
// left empty (or 0) is written as metrics.model_size_mb * 2^20, rounded.
struct SubmissionContext {
  ModelIdentity baseline_model;
  ModelIdentity optimized_model;  // ignored without an optimized report
  Workload workload;
  RunSettings settings;  // e.g. settings_of(baseline)
  std::vector<SubmissionCandidate> candidates;
  nlohmann::json scenarios = nlohmann::json::object();  // LoadGen results by scenario (loadgen.md)
  std::vector<std::string> warnings;                    // added after the reports' own warnings
  // The comparison behind improvements' speedup_ci95, p_value, welch_p_value and verdict. Set
  // compare.paired when both reports come from one interleaved benchmark_models call.
  stats::CompareOptions compare;
};

// A tinyperf v1 submission of `baseline` and, unless nullptr, `optimized` (not owned), measured
// with `techniques_applied` ("int8_quantization", "magnitude_pruning", "structured_pruning",
// "fine_tuning", ...). `submitter` ("" = none) is written as "submitter". Timestamp and
// system_info come from the baseline report; tool from build_info(). improvements are
// improvements_of(baseline, optimized, context.compare) (improvements.h): speedup on medians,
// compression_ratio on model_size_mb, accuracy_delta, efficiency_score, and stats::compare's
// interval, tests and verdict. Warnings: the reports' own, prefixed with the model name unless
// every report carries them, then context.warnings.
// The result is not validated here (save_submission does); throws InputError when a report has
// no latency samples or lacks a metric the improvements need.
Submission generate_submission(const BenchmarkReport& baseline,
                               const BenchmarkReport* optimized = nullptr,
                               std::span<const std::string> techniques_applied = {},
                               const std::string& submitter = "",
                               const SubmissionContext& context = {});

// Validates to_json(submission) (either format) and writes it to `path` atomically (temp file +
// rename, core's write_file_atomic), as indented JSON. Throws InputError listing the validation
// errors (listed_errors) and writes nothing when it is invalid; IoError when the file cannot be
// written.
void save_submission(const Submission& submission, const std::string& path);

// Reads and validates the submission at `path` (either format) and returns it parsed. Throws
// IoError when unreadable, InputError when not JSON (validate_submission_file's limits), invalid
// (the errors listed as in save_submission), or valid but refused by parse_submission (see there);
// each message names the file.
Submission load_submission(const std::string& path);

// The errors of `result` on one line: "path: message; path: message", the first `max_listed`,
// then "; and N more".
std::string listed_errors(const ValidationResult& result, std::size_t max_listed = 10);

}  // namespace tinyperf::submission
