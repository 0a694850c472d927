// The TinyTorch seeds' benchmarking API, measured for real: BenchmarkResult (a sample and its
// statistics), Benchmark (latency, accuracy, memory, energy and throughput of several models over
// several labelled data sets) and BenchmarkSuite (all of them, plus the Pareto frontier).
// Accuracy is always computed on labelled data; memory is the peak resident set of the measured
// phase; energy is read from RAPL counters or clearly labelled as an estimate; throughput is timed
// on batch runs, never derived from latency. Every figure is measured by measure_models
// (measure_models.h); these classes choose its settings and present its measurements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/env.h"
#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/energy.h"
#include "tinyperf/measure/measure_models.h"
#include "tinyperf/measure/model.h"
#include "tinyperf/measure/runner.h"
#include "tinyperf/measure/system_info.h"

namespace tinyperf::measure {

// A named sample and its statistics (docs/methodology.md), computed once at construction.
struct BenchmarkResult {
  // Throws InputError for an empty sample or one holding NaN or infinity.
  BenchmarkResult(std::string metric_name, std::vector<double> values,
                  nlohmann::json metadata = nlohmann::json::object());

  std::string metric_name;     // e.g. "baseline_latency_ms": the unit is part of the name
  std::vector<double> values;  // the raw sample, in measurement order
  nlohmann::json metadata;     // how it was measured (settings, scope, method, ...)
  double mean = 0.0;
  double std = 0.0;  // ddof = 1; 0 for a single value
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
  std::size_t count = 0;
  std::optional<double> ci_lower;  // 95 % Student-t interval of the mean; empty when count == 1
  std::optional<double> ci_upper;

  // {metric_name, values, mean, std, median, min, max, count, ci_lower, ci_upper, metadata};
  // an absent interval is null.
  nlohmann::json to_json() const;
  // "<metric_name>: <mean> ± <std> (n=<count>)", 4 decimals.
  std::string to_string() const;
};

// One model's result for one metric.
struct ModelResult {
  std::string model_name;
  BenchmarkResult result;
};
// Results in the models' order.
using ModelResults = std::vector<ModelResult>;

// The result of `model_name`; InputError when there is none.
const BenchmarkResult& result_for(const ModelResults& results, std::string_view model_name);

// Makes names unique in order: a name already taken gets "_k" appended with the smallest k >= 1
// that is free, so ["same", "same", "same_1"] becomes ["same", "same_1", "same_1_1"].
std::vector<std::string> unique_names(std::span<const std::string> names);

struct BenchmarkSettings {
  // Latency: predict() on one row (the first row of the first data set), per call. The seeds'
  // defaults: at least 5 warmup calls and 10 measured runs.
  RunSettings latency = {.warmup = {.runs = 5}, .measurement_runs = 10};
  // Measure the models' latency and throughput in shuffled interleaved rounds (fair under drift;
  // samples paired by round). false: one model after another.
  bool interleaved = true;
  std::uint64_t seed = 0x1D1E'5EEDu;  // round orders
  std::size_t batch_size = 256;       // rows per batch for throughput, memory and energy (at most
                                      // the first data set's rows)
  std::size_t throughput_runs = 10;   // timed batch runs per model (after min(5, runs) warmups)
  std::size_t memory_runs = 3;        // measured phases per model
  std::size_t energy_runs = 3;        // energy windows per model
  double energy_min_seconds = 0.2;    // each window repeats the batch until it lasts this long
  EnergySettings energy;
  // The machine peak memory, energy counters and system information are read from; it must
  // outlive the Benchmark (tests pass a RootedEnv over a fake /proc and /sys tree).
  const Env* env = &Env::system();
};

// The models a Benchmark measures, in order: referenced, not owned.
using ModelRefs = std::vector<std::reference_wrapper<ModelUnderTest>>;

class Benchmark {
 public:
  // The models are referenced, not owned, and must outlive the Benchmark; so must the data the
  // data sets view. Throws InputError when there is no model or no data set, when a setting is
  // invalid, or when a data set does not fit a model (validate_inputs).
  Benchmark(ModelRefs models, std::vector<LabelledData> datasets, BenchmarkSettings settings = {});
  // The same, timing with `clock` (tests), which must outlive the Benchmark.
  Benchmark(ModelRefs models, std::vector<LabelledData> datasets, BenchmarkSettings settings,
            Clock& clock);
  Benchmark(const Benchmark&) = delete;  // holds a pointer to its own clock
  Benchmark& operator=(const Benchmark&) = delete;

  // The models' names, made unique (unique_names), in model order.
  const std::vector<std::string>& model_names() const { return names_; }
  const SystemInfo& system_info() const { return system_info_; }
  const BenchmarkSettings& settings() const { return settings_; }

  // "<name>_latency_ms": per-run latency of one single-row predict() in ms.
  ModelResults run_latency_benchmark();
  // "<name>_accuracy": one accuracy (fraction) per data set, on all its rows.
  ModelResults run_accuracy_benchmark();
  // "<name>_peak_memory_mb": peak resident MiB of each phase predicting one batch; the metadata
  // says whether the peak is the phase's or the whole process's.
  ModelResults run_memory_benchmark();
  // "<name>_energy_j_per_inference": J per inference of each energy window; metadata "method" is
  // "rapl" (measured) or "estimate" (modelled, with the assumption in "note").
  ModelResults run_energy_benchmark();
  // "<name>_throughput_samples_per_sec": batch rows / batch time, one value per timed batch run.
  ModelResults run_throughput_benchmark();

 private:
  friend class BenchmarkSuite;
  // One measure_models run of `phases` with these settings, and its results by metric.
  ModelsMeasurement measure(Phases phases);
  ModelResults latency_results(const ModelsMeasurement& m) const;
  ModelResults accuracy_results(const ModelsMeasurement& m) const;
  ModelResults memory_results(const ModelsMeasurement& m) const;
  ModelResults energy_results(const ModelsMeasurement& m) const;
  ModelResults throughput_results(const ModelsMeasurement& m) const;

  std::vector<ModelUnderTest*> models_;
  std::vector<LabelledData> datasets_;
  BenchmarkSettings settings_;
  std::vector<std::string> names_;
  SystemInfo system_info_;
  SteadyClock steady_;
  Clock* clock_;
};

struct SuiteResults {
  ModelResults latency, accuracy, memory, energy, throughput;
  // Models on the Pareto frontier (stats::pareto_frontier, input order) over: latency median
  // (lower), accuracy mean (higher), peak memory median (lower; the stored model size instead when
  // peak memory could only be read process-wide), energy per inference median (lower).
  std::vector<std::string> pareto_frontier;
  std::vector<std::string> pareto_objectives;  // e.g. {"latency_ms", "accuracy", ...}
  std::string energy_method;                   // "rapl" or "estimate"
  nlohmann::json system_info;

  // {system_info, energy_method, pareto_objectives, pareto_frontier, results: {latency: {model:
  // BenchmarkResult json}, accuracy: ..., memory: ..., energy: ..., throughput: ...}}.
  nlohmann::json to_json() const;
};

class BenchmarkSuite {
 public:
  // As Benchmark's constructor.
  BenchmarkSuite(ModelRefs models, std::vector<LabelledData> datasets,
                 BenchmarkSettings settings = {});
  BenchmarkSuite(ModelRefs models, std::vector<LabelledData> datasets, BenchmarkSettings settings,
                 Clock& clock);

  // Runs every benchmark (latency, accuracy, memory, energy, throughput) in one measure_models run
  // (its order: accuracy, memory and energy per model, then the latency and throughput rounds),
  // and the frontier.
  SuiteResults run_full_benchmark();
  const Benchmark& benchmark() const { return benchmark_; }

 private:
  Benchmark benchmark_;
};

}  // namespace tinyperf::measure
