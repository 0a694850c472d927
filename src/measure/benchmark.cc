#include "tinyperf/measure/benchmark.h"

#include <fmt/format.h>
#include <algorithm>

#include "tinyperf/core/error.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/memory.h"

namespace tinyperf::measure {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

using Models = std::vector<std::reference_wrapper<ModelUnderTest>>;

std::vector<std::string> names_of(const Models& models) {
  std::vector<std::string> names;
  for (const ModelUnderTest& m : models) names.push_back(m.name());
  return unique_names(names);
}

void check_setup(const Models& models, const std::vector<LabelledData>& datasets,
                 const BenchmarkSettings& s) {
  if (models.empty()) throw InputError("a benchmark needs at least one model");
  if (datasets.empty()) throw InputError("a benchmark needs at least one labelled data set");
  validate(s.latency);
  if (s.batch_size == 0) throw InputError("batch_size must be at least 1");
  if (s.throughput_runs == 0 || s.memory_runs == 0 || s.energy_runs == 0) {
    throw InputError("throughput_runs, memory_runs and energy_runs must be at least 1");
  }
  for (const ModelUnderTest& m : models) {
    for (const auto& d : datasets) validate_inputs(m, d.x, d.labels, d.name);
  }
}

std::vector<std::function<void()>> predictors(const Models& models, FeatureRows x) {
  std::vector<std::function<void()>> fns;
  for (ModelUnderTest& m : models) fns.push_back(predict_call(m, x));
  return fns;
}

nlohmann::json describe_run(const InterleavedMeasurement& m) {
  return {{"order", to_string(m.order)},
          {"seed", m.seed},
          {"rounds", m.rounds},
          {"calls_per_sample", m.calls_per_round},
          {"warm_calls_per_round", m.warm_calls_per_round},
          {"warmup_policy", m.warmup_policy},
          {"timer_overhead_ns", m.timer.median_ns},
          {"timer_resolution_ns", m.timer.resolution_ns}};
}

InterleaveSettings interleave_settings(const RunSettings& run, const BenchmarkSettings& s) {
  InterleaveSettings out;
  out.warmup = run.warmup;
  out.rounds = run.measurement_runs;
  out.min_duration_s = run.min_duration_s;
  out.max_rounds = run.max_runs;
  out.calls_per_round = run.calls_per_sample;
  out.seed = s.seed;
  out.order = s.interleaved ? RunOrder::kInterleaved : RunOrder::kSequential;
  return out;
}

std::vector<double> scaled(const std::vector<double>& values, double factor) {
  std::vector<double> out(values.size());
  std::transform(values.begin(), values.end(), out.begin(),
                 [factor](double v) { return v * factor; });
  return out;
}

}  // namespace

Benchmark::Benchmark(Models models, std::vector<LabelledData> datasets, BenchmarkSettings settings)
    : Benchmark(std::move(models), std::move(datasets), std::move(settings), steady_) {}

Benchmark::Benchmark(Models models, std::vector<LabelledData> datasets, BenchmarkSettings settings,
                     Clock& clock)
    : models_(std::move(models)),
      datasets_(std::move(datasets)),
      settings_(std::move(settings)),
      clock_(&clock) {
  check_setup(models_, datasets_, settings_);
  names_ = names_of(models_);
  system_info_ = collect_system_info();
}

FeatureRows Benchmark::latency_input() const { return datasets_.front().x.slice(0, 1); }

FeatureRows Benchmark::batch_input() const {
  const FeatureRows& x = datasets_.front().x;
  return x.slice(0, std::min(settings_.batch_size, x.rows));
}

ModelResults Benchmark::run_latency_benchmark() {
  const auto fns = predictors(models_, latency_input());
  const auto m =
      measure_interleaved(fns, interleave_settings(settings_.latency, settings_), *clock_);
  nlohmann::json meta = describe_run(m);
  meta["input"] = fmt::format("row 0 of {}", datasets_.front().name);
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    meta["warmup_runs"] = m.warmup_runs[i];
    meta["warmup_settled"] = static_cast<bool>(m.warmup_settled[i]);
    out.push_back({names_[i], BenchmarkResult(names_[i] + "_latency_ms",
                                              scaled(m.samples_ns[i], 1e-6), meta)});
  }
  return out;
}

ModelResults Benchmark::run_accuracy_benchmark() {
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    std::vector<double> accuracies;
    nlohmann::json sets = nlohmann::json::array();
    for (const auto& d : datasets_) {
      accuracies.push_back(measure_accuracy(models_[i], d));
      sets.push_back({{"name", d.name}, {"samples", d.x.rows}});
    }
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_accuracy", accuracies, {{"datasets", sets}})});
  }
  return out;
}

ModelResults Benchmark::run_memory_benchmark() {
  const FeatureRows batch = batch_input();
  PeakMemoryProbe probe(settings_.proc_dir);
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    const auto fn = predict_call(models_[i], batch);
    std::vector<double> peaks;
    PeakMemory last;
    for (std::size_t r = 0; r < settings_.memory_runs; ++r) {
      probe.begin_phase();
      fn();
      last = probe.end_phase();
      peaks.push_back(static_cast<double>(last.peak_rss_bytes) / kMiB);
    }
    const nlohmann::json meta = {{"scope", to_string(last.scope)},
                                 {"batch_rows", batch.rows},
                                 {"start_rss_mb", static_cast<double>(last.start_rss_bytes) / kMiB},
                                 {"model_size_bytes", models_[i].get().stored_size_bytes()}};
    out.push_back({names_[i], BenchmarkResult(names_[i] + "_peak_memory_mb", peaks, meta)});
  }
  return out;
}

ModelResults Benchmark::run_energy_benchmark() {
  const FeatureRows batch = batch_input();
  EnergyMeter meter(settings_.energy);
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    const auto fn = predict_call(models_[i], batch);
    std::vector<double> per_inference;
    EnergyResult last;
    for (std::size_t r = 0; r < settings_.energy_runs; ++r) {
      last = meter.measure(repeat_for(fn, batch.rows, settings_.energy_min_seconds));
      per_inference.push_back(last.joules_per_inference);
    }
    const nlohmann::json meta = {{"method", last.method},
                                 {"note", last.note},
                                 {"domains", last.domains},
                                 {"window_s", last.window_s},
                                 {"batch_rows", batch.rows}};
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_energy_j_per_inference", per_inference, meta)});
  }
  return out;
}

ModelResults Benchmark::run_throughput_benchmark() {
  const FeatureRows batch = batch_input();
  RunSettings run;
  run.warmup = {.mode = WarmupMode::kCount,
                .runs = std::min<std::size_t>(5, settings_.throughput_runs)};
  run.measurement_runs = settings_.throughput_runs;
  run.max_runs = settings_.throughput_runs;
  run.calls_per_sample = 1;
  const auto fns = predictors(models_, batch);
  const auto m = measure_interleaved(fns, interleave_settings(run, settings_), *clock_);
  nlohmann::json meta = describe_run(m);
  meta["batch_rows"] = batch.rows;
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    std::vector<double> rates;
    for (const double ns : m.samples_ns[i]) {
      rates.push_back(static_cast<double>(batch.rows) / std::max(ns * 1e-9, 1e-12));
    }
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_throughput_samples_per_sec", rates, meta)});
  }
  return out;
}

}  // namespace tinyperf::measure
