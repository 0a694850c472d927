// One run of one model in a process of its own: the worker side of `tinyperf bench` and of
// `tinyperf run`'s latency verdicts (docs/bench.md). The parent writes a WorkerJob as JSON to the
// worker's stdin (`tinyperf worker`, a hidden subcommand), the worker measures and prints one
// submission::BenchRun as JSON on stdout, and exits. A WorkerLauncher hides how a job reaches a
// worker, so the library can be tested in-process and the CLI can start real processes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"
#include "tinyperf/submission/bench.h"

namespace tinyperf::workflow {

// What one worker measures.
struct WorkerJob {
  std::string model_file;  // a tinyperf model file (fp32, int8, sparse)
  // A data setting as for `run` (data::load_dataset): accuracy on its test split, and its rows as
  // inputs. "" = no accuracy; inputs are seeded uniform values in [0, 1).
  std::string data;
  std::uint64_t data_seed = 42;        // synthetic data, a .csv file's split, the uniform inputs
  std::uint64_t seed = 1;              // the latency and batch rounds' seed (differs between runs)
  int threads = 1;                     // batch inference (the single-row calls always run on one)
  std::size_t latency_samples = 2000;  // timed blocks of single-row calls, >= 1
  double warmup_max_s = 0.5;           // single-row warm-up until the median settles, at most this
  std::size_t batch_rows = 256;        // rows per batch call, >= 1 (fewer when the data has fewer)
  std::size_t batch_calls = 20;        // timed batch calls, >= 1
  std::size_t run = 1;                 // recorded in the reply
  std::size_t position = 1;            // recorded in the reply
};

nlohmann::json to_json(const WorkerJob& job);
// Throws InputError "worker job: <what>" for anything missing or of the wrong type or range.
WorkerJob parse_worker_job(const nlohmann::json& doc);

// Measures one run in this process, in this order: resets the peak-RSS mark (measure/memory.h),
// loads the model (load_ms), one single-row predict (first_inference_ms), one batch predict, reads
// the peak; then loads the data, measures accuracy on the test split, the single-row latency
// (warm-up, then latency_samples blocks) and the batch calls. Throws InputError for an unreadable
// model, data that does not fit it, or settings out of range.
submission::BenchRun run_worker_job(const WorkerJob& job, const Env& env = Env::system());

// Runs a job somewhere and returns its reply. Throws InputError when the job's input is bad (the
// worker exited 2), Interrupted when stopped, Error for anything else a worker did.
using WorkerLauncher = std::function<submission::BenchRun(const WorkerJob& job)>;

// Runs every job in this process (run_worker_job): for tests and for `--in-process`. Memory and
// first-inference figures then share one process and are not per model.
WorkerLauncher in_process_launcher();

// Starts `argv` (e.g. {"/usr/bin/tinyperf", "worker"}) for each job with the job on its stdin, and
// parses its stdout. Exit 2 becomes InputError with the worker's last stderr line; a stop request
// (`stop`, may be null; must outlive the launcher) ends the worker and throws Interrupted.
WorkerLauncher process_launcher(std::vector<std::string> argv, const std::atomic<bool>* stop);

}  // namespace tinyperf::workflow
