// `tinyperf bench MODEL...` as library code (docs/bench.md): the user's own model files, the first
// the baseline, each measured in `runs` worker processes started in shuffled rounds
// (measure::run_schedule), summarized per model, and each candidate compared with the baseline
// over runs (stats::compare_runs on the log run medians). Every worker is started before any
// figure is written, and the outputs are written only at the end, so a failed or interrupted
// bench leaves no files.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tinyperf/submission/bench.h"
#include "tinyperf/workflow/worker.h"

namespace tinyperf::workflow {

struct BenchOptions {
  std::vector<std::string> model_files;  // >= 1; model_files[0] is the baseline
  std::string data;                      // as WorkerJob::data ("" = no accuracy)
  std::size_t runs = 10;                 // worker processes per model, >= 2
  bool quick = false;                    // recorded; quick_bench() sets the smaller budget
  std::uint64_t seed = 42;
  int threads = 1;
  std::size_t latency_samples = 2000;  // per run
  double warmup_max_s = 0.3;           // per run
  std::size_t batch_rows = 256;
  std::size_t batch_calls = 20;  // per run
  double alpha = 0.05;
  double noise = 0.01;
  // Runs a job (process_launcher for real measurements). Required.
  WorkerLauncher launcher;
  // The launcher runs the jobs in this process: memory and first-inference figures then are not
  // per model, and the document says so.
  bool in_process = false;
  const std::atomic<bool>* stop = nullptr;  // polled between runs (the launcher stops a worker)
};

// `--quick`: 5 runs per model of 500 samples, 0.1 s warm-up and 5 batch calls (two models in a few
// seconds on 2 cores; docs/bench.md has measured times).
void apply_quick(BenchOptions& options);

// What bench() reports while it works; called from bench()'s thread, must not throw.
class BenchObserver {
 public:
  virtual ~BenchObserver() = default;
  // Run `position` of `total` (1-based) is starting: run `run` of model `model`.
  virtual void run_started(std::size_t /*position*/, std::size_t /*total*/,
                           std::string_view /*model*/, std::size_t /*run*/) {}
  virtual void run_finished(std::size_t /*position*/, const submission::BenchRun& /*run*/) {}
};

// Names for the models: each file's stem ("models/mlp.tpm" -> "mlp"), made unique by appending
// "-2", "-3", ... to later duplicates.
std::vector<std::string> model_names(const std::vector<std::string>& files);

// Checks the options (InputError naming the field: no model, runs < 2 or > 1000, a model file that
// does not exist, threads < 1, alpha / noise out of range, no launcher), then runs every worker
// and summarizes. Throws what the launcher throws (InputError for a bad model or data, naming it;
// Interrupted when stopped).
submission::BenchDocument bench(const BenchOptions& options, BenchObserver* observer = nullptr);

// Summarizes measured runs (runs[m] = model m's runs) into the document bench() returns: per-model
// figures over runs, comparisons with models[0], warnings. Exposed for tests.
submission::BenchDocument summarize_bench(const BenchOptions& options,
                                          std::vector<submission::BenchModel> models,
                                          std::vector<std::size_t> schedule);

// Writes <out_dir>/bench.json, report.html and report.md (all rendered first, then each written
// atomically), creating out_dir. Returns the paths written. Throws IoError naming the folder.
std::vector<std::string> write_bench_outputs(const submission::BenchDocument& doc,
                                             const std::string& out_dir);

}  // namespace tinyperf::workflow
