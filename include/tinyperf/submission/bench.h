// The documents of `tinyperf bench` (docs/bench.md): what one worker process reports about one run
// of one model (BenchRun: the worker protocol's reply), and the whole session's result
// (BenchDocument: bench.json, and what report.html and report.md render). Like document.h for
// submissions, this header and src/submission are the only code that knows these keys.
//
// A run is one worker process: it loads the model file, measures it, prints one BenchRun and
// exits, so every run has its own memory layout, page grants and warm-up. The runs of all models
// are started in shuffled rounds (measure::run_schedule), and verdicts are made over runs
// (stats::compare_runs), never over the pooled samples of one process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/summary.h"

namespace tinyperf::submission {

// The "format" member of bench.json.
inline constexpr std::string_view kBenchFormat = "tinyperf-bench/1";

// One run of one model, as its worker measured it. Times of single calls in ns, others in ms.
struct BenchRun {
  std::size_t run = 0;       // the model's run number, 1-based
  std::size_t position = 0;  // 1-based place in the session's schedule (all models' runs)
  double load_ms = 0;        // reading and parsing the file, and preparing the session for one row
  // The first predict() of one row after loading: cold caches, page faults, lazy initialization.
  double first_inference_ms = 0;
  std::optional<double> accuracy;  // on the test split, fraction in [0, 1]; absent without data
  std::size_t test_rows = 0;       // rows accuracy was measured on
  // Batch-1 latency: one sample per timed block of calls_per_sample predict() calls on one row,
  // in ns per call, in the order measured.
  std::vector<double> latency_ns;
  std::size_t calls_per_sample = 1;
  std::size_t warmup_calls = 0;  // untimed calls before the first sample
  bool warmup_settled = false;   // the warm-up ended because the median settled, not at its cap
  // Batch throughput: ns per predict() of batch_rows rows, one sample per call.
  std::vector<double> batch_ns;
  std::size_t batch_rows = 0;
  // Resident memory of the worker process, bytes: before the model was loaded, and the peak while
  // loading it and predicting one batch (VmHWM; memory_scope "phase" when the high-water mark
  // was reset before loading, "process" when the peak covers the whole worker).
  std::int64_t base_rss_bytes = 0;
  std::int64_t peak_rss_bytes = 0;
  std::string memory_scope = "process";
  // The worker's anonymous memory on 2 MB pages after loading the model and predicting one batch,
  // with the kernel's THP mode: measure::to_string(measure::HugePages), e.g. "none (THP madvise)".
  std::string huge_pages = "unknown";
  int pid = 0;
  double worker_seconds = 0;  // the worker's wall time, spawn to exit (filled in by the parent)
};

nlohmann::json to_json(const BenchRun& run);
// Reads a worker's reply. Throws InputError naming `source` and the JSON path of the first missing
// or wrong value ("worker reply: $.latency_ns[3]: expected a number > 0, got -1").
BenchRun parse_bench_run(const nlohmann::json& doc, const std::string& source);

// A figure summarized over a model's runs: the median of the run values and, where it applies,
// the spread between runs (robust cv of the run values: 1.4826 * MAD / median).
struct RunFigure {
  double median = 0;
  double min = 0;
  double max = 0;
  double between_run_cv = 0;
};

// One model of the session.
struct BenchModel {
  std::string name;  // the file's stem, made unique ("mlp", "mlp-2")
  std::string file;  // as given on the command line
  std::string sha256;
  std::uint64_t size_bytes = 0;  // the file as stored
  std::uint64_t parameters = 0;
  std::string precision;  // "fp32", "int8", "mixed"
  std::size_t input_features = 0;
  std::size_t num_classes = 0;
  std::vector<BenchRun> runs;  // in run order
  // Over runs: each run's median batch-1 latency (ms), batch rows/s, peak RSS (MiB), load and
  // first-inference time (ms).
  RunFigure latency_ms;
  // The within-run spread: the median over runs of each run's robust cv of its latency samples.
  double within_run_cv = 0;
  RunFigure throughput_rows_per_s;
  RunFigure peak_memory_mb;
  RunFigure load_ms;
  RunFigure first_inference_ms;
  std::optional<double> accuracy;  // the runs' accuracy (identical in every run, or a warning)
};

// A candidate against the baseline, at the run level (stats::compare_runs on run medians).
struct BenchComparison {
  std::string baseline;  // model names
  std::string candidate;
  std::size_t baseline_runs = 0;
  std::size_t candidate_runs = 0;
  // Batch-1 latency: speedup = ratio of the geometric means of the run medians (> 1 = faster),
  // its 95 % interval and p-value from the t-test on log run medians, and the verdict.
  double speedup = 1;
  stats::Interval speedup_ci95;
  double p_value = 1;
  std::string verdict;        // faster | slower | no_change | inconclusive
  double between_run_cv = 0;  // pooled, of both sides' log run medians
  // The smallest change these runs detect 80 % of the time at this spread
  // (stats::smallest_detectable_change).
  double detectable_change = 0;
  // Batch throughput the same way (ratio > 1 = the candidate does more rows per second).
  double throughput_ratio = 1;
  stats::Interval throughput_ratio_ci95;
  std::string throughput_verdict;
  std::optional<double> accuracy_delta;  // candidate - baseline
  double compression_ratio = 1;          // baseline size / candidate size
  double memory_ratio = 1;               // candidate peak RSS / baseline peak RSS (medians)
};

// How the session was run: everything needed to repeat it.
struct BenchSettings {
  std::size_t runs = 0;  // per model
  bool quick = false;
  std::uint64_t seed = 0;  // the schedule, each run's rounds (seed + position), data
  int threads = 1;         // batch inference threads in each worker
  std::string data;        // the data setting given ("" = none: no accuracy)
  std::string data_name;   // what was loaded, e.g. "fashion-mnist/test"
  std::string data_sha256;
  std::size_t latency_samples = 0;  // timed blocks per run
  double warmup_max_s = 0;          // per run, at most this long
  std::size_t batch_rows = 0;
  std::size_t batch_calls = 0;  // timed batch calls per run
  double alpha = 0.05;
  double noise = 0.01;
  std::string method;                 // how verdicts are made, in words
  std::vector<std::size_t> schedule;  // model index of each run, in the order started
};

struct BenchDocument {
  std::string created;         // UTC, ISO 8601
  std::string tool_version;    // tinyperf version and commit
  nlohmann::json system_info;  // measure::to_json(SystemInfo) plus libraries
  BenchSettings settings;
  std::vector<BenchModel> models;            // models[0] is the baseline
  std::vector<BenchComparison> comparisons;  // one per candidate, in the models' order
  std::vector<std::string> warnings;
  double wall_seconds = 0;  // the whole session
};

// bench.json. With samples = false the runs' latency_ns and batch_ns are left out (what `bench
// --json` prints; the files keep them so that every figure can be recomputed).
nlohmann::json to_json(const BenchDocument& doc, bool samples = true);

}  // namespace tinyperf::submission
