// The submission document as typed values: one Submission for both formats (tinyperf v1 and the
// TinyTorch capstone, docs/submission.md), parse_submission to read one from JSON and to_json to
// write it. This header and src/submission are the only code that knows the document's keys;
// every other module reads and builds these values.
//
// Every field is optional, because which ones a document must have depends on its format and is
// the validator's question (validate.h), not the parser's. The parser checks the type and the range
// of every value that is present (a latency > 0, an accuracy in [0, 1], a count an integer), so a
// parsed value is safe to compute with; JSON null counts as absent, except where null has a meaning
// (latency_ms_ci95). Members this version does not know are kept in `extra` (objects as in the
// file), so to_json(parse_submission(doc)) gives tinyperf's own output back byte for byte, and
// any other valid document back as an equal JSON value, with these exceptions: a number written in
// a form tinyperf does not use (parameter_count 283.0 comes back as 283, model_size_mb 4 as 4.0),
// an explicit null or an empty candidates list (left out), and unknown members inside samples,
// workload.dataset, settings.data and settings.baseline (dropped).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::submission {

// The schema_version tinyperf writes (and the only one parse_submission reads).
inline constexpr std::string_view kSubmissionSchemaVersion = "1.0";

// One side's metrics ("metrics"). Latencies in ms, sizes in MiB (2^20 bytes).
struct Metrics {
  std::optional<std::uint64_t> parameter_count;      // > 0
  std::optional<double> model_size_mb;               // > 0, the model as stored
  std::optional<double> accuracy;                    // fraction in [0, 1]
  std::optional<double> latency_ms_mean;             // > 0
  std::optional<double> latency_ms_std;              // >= 0, sample standard deviation (ddof 1)
  std::optional<double> latency_ms_median;           // > 0
  std::optional<double> latency_ms_p90;              // > 0, type-7 percentiles
  std::optional<double> latency_ms_p95;              // > 0
  std::optional<double> latency_ms_p99;              // > 0
  std::optional<double> throughput_samples_per_sec;  // > 0, measured on batch runs
  // tinyperf v1 additions. latency_ms_ci95: absent (outer empty), null (fewer than 6 runs: inner
  // empty), or the order-statistic 95 % interval of the median [lo, hi].
  std::optional<std::optional<stats::Interval>> latency_ms_ci95;
  std::optional<double> peak_memory_mb;             // > 0, MiB
  std::optional<double> energy_j_per_inference;     // >= 0, joules
  std::optional<std::string> energy_method;         // "rapl" or "estimate"
  nlohmann::json extra = nlohmann::json::object();  // unknown members, kept for to_json
};

// What identifies a stored model (a v1 side's "model").
struct ModelIdentity {
  std::optional<std::string> format;        // the stored format, e.g. "tinyperf-model"
  std::optional<std::string> precision;     // "fp32", "int8", ...
  std::optional<std::uint64_t> size_bytes;  // bytes as stored, > 0
  std::optional<std::string> sha256;        // of the stored bytes, 64 lower-case hex digits
  nlohmann::json extra = nlohmann::json::object();
};

// Which part of a submission a side is.
enum class SideRole { kBaseline, kOptimized, kCandidate };
// "baseline", "optimized", "candidate".
std::string_view to_string(SideRole role);

// One measured model: the baseline, the optimized side, or a candidate.
struct Side {
  std::string model_name;              // required (parse_submission refuses a side without)
  std::optional<ModelIdentity> model;  // v1
  Metrics metrics;                     // always written, {} when the file had none
  std::optional<std::vector<double>> latency_samples_ms;  // samples.latency_ms: raw runs, ms, > 0
  std::optional<std::vector<std::string>> techniques_applied;  // e.g. "int8_quantization"
  // How each figure was measured (BenchmarkReport::measurement); null when absent.
  nlohmann::json measurement;
  nlohmann::json extra = nlohmann::json::object();
};

// The comparison of the optimized side with the baseline ("improvements"). improvements.h computes
// one from two sides.
struct Improvements {
  std::optional<double> speedup;            // > 0; > 1 means the optimized side is faster
  std::optional<double> compression_ratio;  // > 0; > 1 means it is smaller
  std::optional<double> accuracy_delta;     // in [-1, 1]: optimized - baseline accuracy
  // tinyperf v1 additions, from the raw samples (stats::compare).
  std::optional<stats::Interval> speedup_ci95;  // bootstrap 95 % interval of the speedup
  std::optional<double> p_value;                // two-sided Mann-Whitney U, in [0, 1]
  std::optional<double> welch_p_value;          // two-sided Welch t, in [0, 1]
  std::optional<std::string> test;              // "mann_whitney_u"
  std::optional<stats::Verdict> verdict;
  std::optional<double> efficiency_score;  // > 0: speedup * ratio / (1 + max(0, -delta))
  nlohmann::json extra = nlohmann::json::object();
};

// The tool that wrote a v1 submission ("tool").
struct Tool {
  std::optional<std::string> name;  // "tinyperf"
  std::optional<std::string> version;
  std::optional<std::string> git_commit;  // "unknown" outside git
  std::optional<std::string> build_type;
  std::optional<std::string> compiler;
  std::optional<std::string> flags;
  nlohmann::json extra = nlohmann::json::object();
};

// The machine ("system_info"): the fields other modules read, typed; every other member (os,
// kernel, cpu_count, isa, libraries, numpy_version, ... as measure::to_json(SystemInfo) or the
// capstone writes them) kept as it is in `rest`, an object.
struct SystemInfo {
  std::optional<std::string> platform;
  std::optional<std::string> processor;       // the CPU model
  std::optional<std::string> python_version;  // the capstone's
  nlohmann::json rest = nlohmann::json::object();
};

// The data a run measured ("workload").
struct Workload {
  std::optional<std::string> dataset_name;    // e.g. "fashion-mnist"
  std::optional<std::string> split;           // e.g. "test"
  std::optional<std::uint64_t> num_samples;   // rows measured (accuracy on all of them), > 0
  std::optional<std::string> dataset_sha256;  // of the data as read, 64 lower-case hex digits
  std::optional<std::string> task;            // e.g. "image_classification"
  std::vector<std::uint64_t> input_shape;     // one input, e.g. {1, 784}; written when not empty
  nlohmann::json extra = nlohmann::json::object();  // of the workload object
};

// How `tinyperf run` chose its data ("settings.data").
struct DataChoice {
  std::string spec;       // e.g. "fashion-mnist"
  std::string chosen_by;  // e.g. "--data"
};

// Where `tinyperf run`'s baseline came from ("settings.baseline").
struct BaselineOrigin {
  std::string source;     // "trained", "cache" or "file"
  nlohmann::json recipe;  // the training recipe as the workflow records it (its own keys)
};

// The effective settings of a run ("settings").
struct RunSettings {
  std::optional<std::string> scenario;  // e.g. "single_stream"
  std::optional<std::uint64_t> warmup_runs;
  std::optional<std::uint64_t> measurement_runs;  // > 0
  std::optional<double> min_duration_s;           // seconds, >= 0
  std::optional<std::uint64_t> batch_size;        // rows per latency call, > 0
  std::optional<std::uint64_t> threads;           // > 0
  std::optional<std::uint64_t> seed;
  std::optional<bool> interleaved;  // baseline and optimized measured in shuffled rounds
  // What `tinyperf run` adds.
  std::optional<bool> quick;
  std::optional<DataChoice> data;
  std::optional<BaselineOrigin> baseline;
  nlohmann::json budget;  // the run's budget as the workflow records it (its own keys); null = none
  nlohmann::json extra = nlohmann::json::object();
};

// A whole submission of either format.
struct Submission {
  SubmissionFormat format = SubmissionFormat::kUnknown;  // from the markers; to_json ignores it
  std::optional<std::string> schema_version;             // v1: "1.0"
  std::optional<std::string> tinytorch_version;          // the capstone's
  std::optional<std::string> submission_type;            // "capstone_benchmark"
  std::optional<std::string> timestamp;                  // ISO 8601 UTC in v1
  std::optional<std::string> student_name;               // the capstone's name for the submitter
  std::optional<std::string> submitter;
  std::optional<Tool> tool;
  std::optional<SystemInfo> system_info;
  std::optional<Workload> workload;
  std::optional<RunSettings> settings;
  Side baseline;
  std::optional<Side> optimized;
  std::optional<Improvements> improvements;
  std::vector<Side> candidates;  // written when not empty
  // LoadGen results by scenario name (docs/loadgen.md; loadgen owns their keys); null = none.
  nlohmann::json scenarios;
  std::optional<std::vector<std::string>> warnings;
  nlohmann::json extra = nlohmann::json::object();
};

// Reads `doc`: any JSON object with a baseline object that has a model_name string; every other
// member is optional (see the top of this file). The format comes from the markers
// (detect_submission_format); a document without any is read as kUnknown. Throws InputError
// naming the JSON path and what is wrong, e.g. "$.baseline.metrics.accuracy: expected a number,
// got string \"high\"", "$.baseline.samples.latency_ms[3]: 0 must be > 0", "$.baseline: required
// field is missing", or "$.schema_version: \"2.0\" is not supported (this tinyperf reads
// \"1.0\")". It does not check what validate_submission checks beyond that (required members,
// recomputations, orderings): validate first when the document must be valid. A valid document
// can still be refused when a member its format does not define holds a value of another type
// than tinyperf v1 gives it (a capstone file with "tool": 5).
Submission parse_submission(const nlohmann::json& doc);

// The document: every member that is set, and `extra`. Never throws.
nlohmann::json to_json(const Submission& submission);
nlohmann::json to_json(const Metrics& metrics);
nlohmann::json to_json(const Side& side);
nlohmann::json to_json(const Tool& tool);
nlohmann::json to_json(const SystemInfo& system_info);
nlohmann::json to_json(const Workload& workload);
nlohmann::json to_json(const RunSettings& settings);

// Reads a system_info block (measure::to_json(measure::SystemInfo), or a file's); InputError as
// parse_submission, with paths under "$.system_info".
SystemInfo parse_system_info(const nlohmann::json& block);

// Who submitted: student_name, else submitter, else "".
std::string submitter_of(const Submission& submission);

// The baseline (kBaseline) or the optimized side (kOptimized). Throws InputError
// "$.optimized: required field is missing" when the submission has no optimized side, and
// std::invalid_argument for kCandidate.
const Side& side_of(const Submission& submission, SideRole role);

// The raw latency samples of that side (ms). Throws InputError as side_of, and naming the path of
// samples.latency_ms when the side has none or an empty list.
std::span<const double> latency_samples_of(const Submission& submission, SideRole role);

// Where, when and how a tinyperf v1 run was measured: what the results history indexes and
// matches runs by.
struct RunProvenance {
  std::string timestamp;     // as written
  std::string git_commit;    // tool.git_commit
  std::string tool_version;  // tool.version
  std::string processor;     // system_info.processor
  std::string scenario;      // settings.scenario
  std::uint64_t batch_size = 0;
  std::uint64_t threads = 0;
};
// Throws InputError naming the first of those fields that is absent, e.g.
// "$.settings.scenario is missing".
RunProvenance run_provenance_of(const Submission& submission);

// One side with its role; `side` points into the Submission it came from.
struct SideRef {
  SideRole role = SideRole::kBaseline;
  const Side* side = nullptr;
};
// The baseline, the optimized side when present, then the candidates in file order.
std::vector<SideRef> sides_of(const Submission& submission);

// The median latency of each run (worker process) the side's samples came from, in ms:
// measurement.latency.run_medians_ms as `tinyperf run` writes it; empty when the side has none or
// a value is not a finite number > 0. What run-level verdicts are recomputed from.
std::vector<double> latency_run_medians_ms(const Side& side);

}  // namespace tinyperf::submission
