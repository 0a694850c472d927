// The main job, `tinyperf run` (docs/cli.md), as library code: load the data set, train or reuse
// the baseline MLP, derive the optimized variants (INT8, structured-pruned, magnitude-pruned and
// sparse, pruned + INT8), measure them all on the same inputs in interleaved rounds, compare each
// with the baseline, pick the submitted variant, and write submission.json, report.html, report.md
// and one history row. docs/run.md describes every phase for users.
//
// Data flows one way: each phase hands plain values to the next, and only the last phase writes
// to out_dir and the history, so a run that fails or is interrupted leaves neither partial files
// there nor a history row. The CLI (apps/tinyperf/cmd_run.cc) parses flags, shows progress and
// prints; everything else is here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"
#include "tinyperf/core/error.h"
#include "tinyperf/submission/document.h"
#include "tinyperf/workflow/worker.h"

namespace tinyperf::workflow {

// Thrown when RunOptions::stop was set: the run stopped at the next check (between steps of
// training, between measurement calls, between load-generator runs) and wrote nothing to the
// output folder or the history. The CLI maps it to exit code 130.
class Interrupted : public Error {
 public:
  using Error::Error;
};

// How much work a run does. full_budget() and quick_budget() are the two profiles the CLI uses;
// tests make smaller ones. Every field is recorded in the submission's settings.
struct RunBudget {
  // Baseline training (engine::train, Adam; docs/engine.md: 15 epochs reach ~0.89 on
  // Fashion-MNIST).
  int train_epochs = 15;
  std::size_t train_batch_size = 128;
  double learning_rate = 1e-3;
  // Variants (docs/optimize.md: the settings that meet the optimization targets).
  int finetune_epochs = 3;                 // after structured and magnitude pruning
  std::size_t calibration_samples = 1000;  // training rows calibrating INT8 activations
  double structured_fraction = 0.5;        // hidden neurons removed
  double magnitude_sparsity = 0.9;         // weights zeroed (global ranking), stored as CSR
  // Latency: batch-1 predict() calls in shuffled interleaved rounds (measure::measure_interleaved).
  std::size_t latency_rounds = 3000;
  double latency_warmup_max_s = 0.5;  // per variant: warm up until the median settles, at most this
  // The latency verdicts: each variant measured again in latency_runs worker processes (one run
  // each, started in shuffled rounds; workflow/bench.h), latency_run_samples batch-1 samples per
  // run after a warm-up of at most latency_run_warmup_s. The submission's latency figures are the
  // pooled samples of these runs, its verdicts are made over runs (docs/methodology.md).
  std::size_t latency_runs = 10;
  std::size_t latency_run_samples = 1000;
  double latency_run_warmup_s = 0.2;
  // Batch runs (rows of the test split) for the peak-memory phase, the energy windows and the
  // harness's own batch timing.
  std::size_t batch_rows = 256;
  std::size_t batch_runs = 20;
  double energy_min_seconds = 0.2;  // each energy window lasts at least this long
  // Offline throughput: one LoadGen Offline run per variant (loadgen::run_scenario).
  // 5 s rather than the 10 s of `tinyperf loadgen`: LoadGen pre-generates the whole Offline trace
  // (~85 bytes per sample here), and at this MLP's ~1 million samples/s a 10 s run needs ~1.4 GB
  // and comes close to loadgen::kMaxTraceSamples (16.7 M), above which the run cannot be VALID.
  double offline_min_duration_s = 5.0;
  std::uint64_t offline_min_samples = 24'576;  // MLPerf's minimum
  bool offline_quick = false;       // loadgen::apply_quick was applied: not comparable with MLPerf
  std::size_t offline_batch = 256;  // most samples the SUT runs at once
};

// The profile of a full run: the defaults above (about a minute on 2 idle cores including
// training; docs/run.md has measured times).
RunBudget full_budget();
// --quick: 2 training epochs, 1 fine-tuning epoch, 400 rounds, 1 s Offline runs: under a minute
// on 2 cores including training. Still real measurements; the submission says quick.
RunBudget quick_budget();

struct RunOptions {
  // "fashion-mnist", "synthetic", a directory of IDX or CSV files, or a .csv file
  // (data::load_dataset). "" = fashion-mnist when installed, else synthetic (default_data_spec).
  std::string data;
  // A baseline model file (fp32 MLP): skips training. "" = train, or reuse the cached model.
  std::string model_path;
  bool quick = false;  // recorded in the submission; choose `budget` to match
  RunBudget budget = full_budget();
  std::uint64_t seed = 42;  // weights, shuffling, calibration draw, round orders, LoadGen seeds
  int threads = 1;          // training and batch inference (oneDNN); >= 1
  std::string out_dir = "results";
  std::string db;  // history location (store::open_store); "" = store::default_store_location()
  bool record_history = true;
  std::string cache_dir;  // trained baselines; "" = default_cache_dir()
  std::string command;    // how the run was started, recorded in the history row
  // Polled between steps; when it becomes true the run throws Interrupted. May be null. The
  // caller owns it (e.g. a SIGINT handler sets it); it must outlive run().
  const std::atomic<bool>* stop = nullptr;
  // Starts the latency runs' workers (process_launcher: the CLI passes `tinyperf worker`). Empty =
  // in this process (tests): the runs then share one process and the submission warns that its
  // verdicts have not seen run-to-run variance.
  WorkerLauncher launcher;
};

// One phase of a run, as announced to a RunObserver.
struct Phase {
  std::string name;             // e.g. "train baseline"
  std::size_t index = 0;        // 1-based
  std::size_t count = 0;        // phases in the run
  std::uint64_t units = 0;      // work units phase_advanced counts towards (0 = not counted)
  double expected_seconds = 0;  // rough duration when units are not counted (0 = unknown)
};

// What a run reports while it works. Every call comes from the thread calling run(), never from
// inside a timed loop; implementations must be cheap and must not throw.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void phase_started(const Phase& /*phase*/) {}
  // `done` units of the current phase are finished (monotonic within a phase).
  virtual void phase_advanced(std::uint64_t /*done*/) {}
  virtual void phase_finished(const Phase& /*phase*/, double /*seconds*/) {}
  // One line for the user: which data set, whether the cached baseline was reused, where the
  // files went.
  virtual void message(std::string_view /*line*/) {}
  // How those lines name a RunOptions field ("data", "model_path"): a front end that sets the
  // options under other names returns its own (the CLI: its flag). Default: the field itself.
  virtual std::string setting_name(std::string_view field) { return std::string(field); }
};

// One measured variant as the run judged it (statistics.md). Latencies in ms, sizes in bytes.
struct VariantSummary {
  std::string name;  // e.g. "mlp_int8"
  std::string role;  // "baseline", "optimized" (the submitted one) or "candidate"
  std::vector<std::string> techniques;
  std::string precision;
  double accuracy = 0;
  double latency_ms_median = 0;
  std::optional<std::pair<double, double>> latency_ms_ci95;
  double throughput_samples_per_sec = 0;  // LoadGen Offline samples/s
  bool offline_valid = false;
  std::uint64_t size_bytes = 0;
  double peak_memory_mb = 0;
  double energy_j_per_inference = 0;
  std::string energy_method;
  // Versus the baseline (absent for the baseline itself).
  std::optional<double> speedup;
  std::optional<std::pair<double, double>> speedup_ci95;
  std::optional<double> p_value;
  std::string verdict;
  std::optional<double> compression_ratio;
  std::optional<double> accuracy_delta;
  std::optional<double> efficiency_score;
  bool on_frontier = false;  // Pareto frontier of (accuracy, median latency)
};

struct RunResult {
  std::string data_spec;        // what was loaded, e.g. "fashion-mnist"
  std::string data_choice;      // why: "data" (the options' field that named it) or "default: ..."
  std::string baseline_source;  // "trained", "cache" or "file"
  std::string baseline_path;    // the cache file or RunOptions::model_path
  std::vector<VariantSummary> variants;  // baseline first
  std::string submitted;                 // name of the optimized side
  submission::Submission submission;     // as written to submission.json (validated)
  std::vector<std::string> files;        // paths written, in order
  std::optional<std::int64_t> history_id;
  std::string history_location;  // "" when no history row was recorded
  bool quick = false;
  double seconds = 0;  // wall time of the whole run

  // The --json summary: {data, data_choice, baseline: {source, path}, submitted, variants: [...],
  // files, history: {location, run_id} | null, quick, seconds}.
  nlohmann::json to_json() const;
};

// Runs the main job. Throws InputError / IoError / UnsupportedError for bad options, data or
// model files and unwritable outputs (messages name the file or the RunOptions field, which
// InputError::field() holds), Interrupted when `stop`
// was set. Nothing is written to out_dir or the history unless every phase succeeded.
RunResult run(const RunOptions& options, RunObserver& observer);

// "fashion-mnist" when `fashion_dir` holds the data set, else "synthetic".
std::string default_data_spec(const std::string& fashion_dir = Env::system().fashion_mnist_dir());

// Where trained baselines are cached, env.model_cache_dir(): $TINYPERF_CACHE_DIR when set, else
// $XDG_CACHE_HOME/tinyperf/models (when absolute, per the XDG spec), else
// $HOME/.cache/tinyperf/models. Throws InputError when none is usable.
std::string default_cache_dir(const Env& env = Env::system());

}  // namespace tinyperf::workflow
