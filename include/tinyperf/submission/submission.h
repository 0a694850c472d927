// Submissions (spec/submission.md): generate_submission builds a tinyperf v1 document from the
// BenchmarkReports of a baseline and an optimized model (the TinyTorch capstone's API, with the
// provenance v1 adds), save_submission validates and writes it atomically, load_submission reads
// and validates one of either format.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/compare.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {

// The schema_version tinyperf writes.
inline constexpr std::string_view kSubmissionSchemaVersion = "1.0";

// What identifies a stored model (a side's "model" block).
struct ModelIdentity {
  std::string format;            // the stored format, e.g. "tinyperf-model"
  std::string precision;         // "fp32", "int8", ...
  std::uint64_t size_bytes = 0;  // bytes as stored; 0 = metrics.model_size_mb * 2^20, rounded
  std::string sha256;            // of the stored bytes, 64 lower-case hex digits
};

// The data a run measured ("workload").
struct Workload {
  std::string dataset_name;  // e.g. "fashion-mnist"
  std::string split = "test";
  std::uint64_t num_samples = 0;  // rows measured (accuracy on all of them)
  std::string dataset_sha256;     // of the data as read, 64 lower-case hex digits
  std::string task = "image_classification";
  std::vector<std::uint64_t> input_shape;  // one input, e.g. {1, 784}
};

// The effective settings of a run ("settings").
struct RunSettings {
  std::string scenario = "single_stream";
  std::uint64_t warmup_runs = 0;
  std::uint64_t measurement_runs = 0;
  double min_duration_s = 0.0;   // seconds
  std::uint64_t batch_size = 1;  // rows per latency call
  std::uint64_t threads = 1;
  std::uint64_t seed = 0;
  bool interleaved = false;  // baseline and optimized measured in shuffled rounds
};

// The settings `report` records: warmup_runs, measurement_runs (its latency samples), seed and
// interleaved from report.measurement["latency"]; the others from the arguments. Throws
// InputError when the report holds no latency measurement (benchmark_model was not run).
RunSettings settings_of(const BenchmarkReport& report, double min_duration_s = 0.0,
                        std::uint64_t threads = 1);

// Another variant measured in the same run (written under "candidates", with its raw samples).
struct SubmissionCandidate {
  const BenchmarkReport* report = nullptr;  // not owned; must outlive generate_submission
  ModelIdentity model;
  std::vector<std::string> techniques_applied;
};

// Everything a v1 submission states that a BenchmarkReport does not know.
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
// system_info come from the baseline report; tool from build_info(). improvements follow the
// submission rules (speedup on medians, compression_ratio on model_size_mb, accuracy_delta) plus
// stats::compare's interval, tests and verdict and stats::efficiency_score. Warnings: the reports'
// own, prefixed with the model name unless every report carries them, then context.warnings.
// The result is not validated here (save_submission does); throws InputError when a report has
// no latency samples or metrics.
nlohmann::json generate_submission(const BenchmarkReport& baseline,
                                   const BenchmarkReport* optimized = nullptr,
                                   std::span<const std::string> techniques_applied = {},
                                   const std::string& submitter = "",
                                   const SubmissionContext& context = {});

// Validates `submission` (either format) and writes it to `path` atomically (temp file + rename,
// core's write_file_atomic), as indented JSON. Throws InputError listing the validation errors
// (on one line: "path: message; ...", the first 10, then how many more) and writes nothing when it
// is invalid; IoError when the file cannot be written.
void save_submission(const nlohmann::json& submission, const std::string& path);

// Reads and validates the submission at `path` (either format) and returns it. Throws IoError when
// unreadable, InputError when not JSON (validate_submission_file's limits) or invalid (the errors
// listed as in save_submission).
nlohmann::json load_submission(const std::string& path);

}  // namespace tinyperf::submission
