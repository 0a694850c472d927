// BenchmarkReport: the TinyTorch capstone's report of one model (model_name, metrics, system_info,
// timestamp, benchmark_model(model, X, y, num_runs)), measured by tinyperf's harness. The metrics
// are a submission's Metrics (document.h); the raw latency samples, how each figure was measured,
// and the warnings travel with them, so a submission built from reports can be checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"
#include "tinyperf/measure/energy.h"
#include "tinyperf/measure/model.h"
#include "tinyperf/measure/runner.h"
#include "tinyperf/measure/system_info.h"
#include "tinyperf/stats/quality.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::submission {

struct BenchmarkReportOptions {
  // Latency: predict() on one row (the first of X), timed per call. num_runs is the minimum number
  // of runs; min_duration_s extends the run up to max_runs.
  measure::WarmupPolicy warmup;  // default: until the running median settles (runner.h)
  double min_duration_s = 0.0;
  std::size_t max_runs = 1'000'000;
  std::size_t calls_per_sample = 0;  // 0 = auto: 1 unless a call takes under 1 us (runner.h)
  // Throughput: timed runs of one predict() over the first throughput_batch rows of X.
  std::size_t throughput_batch = 0;  // 0 = every row of X (the capstone's choice)
  std::size_t throughput_runs = 0;   // 0 = num_runs; each after min(5, runs) warmup batches
  // Energy: windows of repeated batch predictions lasting at least energy_min_seconds.
  bool measure_energy = true;
  double energy_min_seconds = 0.2;
  measure::EnergySettings energy;
  const Env* env = &Env::system();  // peak memory and energy source; must outlive the call
  // benchmark_models: the latency and throughput rounds run the models in shuffled order.
  bool interleaved = true;
  std::uint64_t seed = 0x1D1E'5EEDu;
  stats::SampleWarningOptions warnings;  // thresholds of the latency sample's warnings
};

class BenchmarkReport {
 public:
  // Collects the system information and stamps the time (UTC) now.
  explicit BenchmarkReport(std::string model_name = "model");
  // Uses `system_info` (e.g. with library versions the caller added) instead of collecting it.
  BenchmarkReport(std::string model_name, const measure::SystemInfo& system_info);

  std::string model_name;
  // After benchmark_model: parameter_count (integer), model_size_mb (stored bytes / 2^20),
  // accuracy (fraction on every row of X), latency_ms_mean, latency_ms_std (ddof 1),
  // latency_ms_median, latency_ms_p90 / _p95 / _p99 (type-7), latency_ms_ci95 ([lo, hi]: the
  // order-statistic 95 % interval of the median, or null below 6 runs), throughput_samples_per_sec
  // (batch rows / median batch time, measured on batch runs), peak_memory_mb (MiB), and, unless
  // energy was switched off, energy_j_per_inference with energy_method ("rapl" or "estimate").
  // Empty before benchmark_model.
  Metrics metrics;
  nlohmann::json system_info;              // measure::to_json(SystemInfo)
  std::string timestamp;                   // ISO 8601 UTC, e.g. "2026-11-22T10:00:00Z"
  std::vector<double> latency_samples_ms;  // every latency run, in measurement order
  // How each figure was measured: latency {order, rounds, calls_per_sample, warmup_policy,
  // warmup_runs, warmup_settled, timer_overhead_ns, timer_resolution_ns, seed, measured_seconds,
  // ci95}, throughput {batch_rows, runs, warmup_runs}, memory {scope, batch_rows, start_rss_mb},
  // energy {method, note, domains, window_s, idle_watts, cpu_s, inferences}, accuracy {samples}.
  nlohmann::json measurement = nlohmann::json::object();
  std::vector<std::string> warnings;  // environment and sample warnings (system_info.h), and notes
                                      // on an unsettled warmup, a process-wide memory peak, an
                                      // energy estimate

  // Measures `model` on X (rows of features) with labels y and at least `num_runs` latency runs,
  // fills the members above and returns `metrics`. Validates first, as the capstone does
  // (InputError): X has rows and fits the model, one label per row, labels inside the model's
  // classes, num_runs > 0, and (while measuring accuracy) finite scores.
  const Metrics& benchmark_model(measure::ModelUnderTest& model, const measure::FeatureRows& X,
                                 std::span<const std::int32_t> y, std::size_t num_runs = 100,
                                 const BenchmarkReportOptions& options = {});

  // {model_name, metrics (submission::to_json), samples: {latency_ms}, system_info, timestamp,
  // measurement, warnings}.
  nlohmann::json to_json() const;
};

// Several models measured on the same X and y, one report each (named by their unique names,
// measure::unique_names): latency and throughput in rounds that run every model once in a shuffled
// order, so reports[i].latency_samples_ms[r] and reports[j].latency_samples_ms[r] come from the
// same round r (pass them to stats::compare with paired = true); accuracy, memory and energy per
// model. `models` must be non-empty (InputError). The models are used, not kept.
std::vector<BenchmarkReport> benchmark_models(std::span<measure::ModelUnderTest* const> models,
                                              const measure::FeatureRows& X,
                                              std::span<const std::int32_t> y,
                                              std::size_t num_runs = 100,
                                              const BenchmarkReportOptions& options = {});

// Sets the latency metrics of `m` (mean, std, median, p90/p95/p99 and the median's 95 % interval)
// from raw samples in ms (a non-empty sample of finite values; stats::summarize throws otherwise):
// what a report's metrics are of its latency_samples_ms, and what the validator recomputes.
void put_latency_metrics(Metrics& m, std::span<const double> samples_ms);

// The UTC time now as ISO 8601 with seconds, e.g. "2026-11-22T10:00:00Z".
std::string utc_timestamp();

}  // namespace tinyperf::submission
