#include "tinyperf/measure/benchmark.h"

#include <fmt/format.h>
#include <algorithm>

#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

std::vector<ModelUnderTest*> pointers(const ModelRefs& models) {
  std::vector<ModelUnderTest*> out;
  for (ModelUnderTest& m : models) out.push_back(&m);
  return out;
}

std::vector<std::string> names_of(const std::vector<ModelUnderTest*>& models) {
  std::vector<std::string> names;
  for (const ModelUnderTest* m : models) names.push_back(m->name());
  return unique_names(names);
}

InterleaveSettings latency_settings(const BenchmarkSettings& s) {
  InterleaveSettings out;
  out.warmup = s.latency.warmup;
  out.rounds = s.latency.measurement_runs;
  out.min_duration_s = s.latency.min_duration_s;
  out.max_rounds = s.latency.max_runs;
  out.calls_per_round = s.latency.calls_per_sample;
  out.seed = s.seed;
  out.order = s.interleaved ? RunOrder::kInterleaved : RunOrder::kSequential;
  return out;
}

MeasureSettings measure_settings(const BenchmarkSettings& s, Phases phases) {
  MeasureSettings out;
  out.phases = phases;
  out.latency = latency_settings(s);
  out.batch_rows = s.batch_size;
  out.throughput_runs = s.throughput_runs;
  out.throughput_seed = s.seed;
  out.memory_runs = s.memory_runs;
  out.energy_runs = s.energy_runs;
  out.energy_min_seconds = s.energy_min_seconds;
  out.energy = s.energy;
  out.env = s.env;
  return out;
}

void check_setup(const std::vector<ModelUnderTest*>& models,
                 const std::vector<LabelledData>& datasets, const BenchmarkSettings& s) {
  if (s.batch_size == 0) throw InputError("batch_size must be at least 1");
  validate(models, datasets, measure_settings(s, {}));
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

std::vector<double> scaled(const std::vector<double>& values, double factor) {
  std::vector<double> out(values.size());
  std::transform(values.begin(), values.end(), out.begin(),
                 [factor](double v) { return v * factor; });
  return out;
}

Phases only(bool Phases::*phase) {
  Phases p = Phases::none();
  p.*phase = true;
  return p;
}

}  // namespace

Benchmark::Benchmark(ModelRefs models, std::vector<LabelledData> datasets,
                     BenchmarkSettings settings)
    : Benchmark(std::move(models), std::move(datasets), std::move(settings), steady_) {}

Benchmark::Benchmark(ModelRefs models, std::vector<LabelledData> datasets,
                     BenchmarkSettings settings, Clock& clock)
    : models_(pointers(models)),
      datasets_(std::move(datasets)),
      settings_(std::move(settings)),
      clock_(&clock) {
  check_setup(models_, datasets_, settings_);
  names_ = names_of(models_);
  system_info_ = collect_system_info(*settings_.env);
}

ModelsMeasurement Benchmark::measure(Phases phases) {
  return measure_models(models_, datasets_, measure_settings(settings_, phases), *clock_);
}

ModelResults Benchmark::run_latency_benchmark() {
  return latency_results(measure(only(&Phases::latency)));
}

ModelResults Benchmark::run_accuracy_benchmark() {
  return accuracy_results(measure(only(&Phases::accuracy)));
}

ModelResults Benchmark::run_memory_benchmark() {
  return memory_results(measure(only(&Phases::memory)));
}

ModelResults Benchmark::run_energy_benchmark() {
  return energy_results(measure(only(&Phases::energy)));
}

ModelResults Benchmark::run_throughput_benchmark() {
  return throughput_results(measure(only(&Phases::throughput)));
}

ModelResults Benchmark::latency_results(const ModelsMeasurement& measured) const {
  const InterleavedMeasurement& m = measured.latency;
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

ModelResults Benchmark::accuracy_results(const ModelsMeasurement& m) const {
  nlohmann::json sets = nlohmann::json::array();
  for (const auto& d : datasets_) sets.push_back({{"name", d.name}, {"samples", d.x.rows}});
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_accuracy", m.accuracy[i], {{"datasets", sets}})});
  }
  return out;
}

ModelResults Benchmark::memory_results(const ModelsMeasurement& m) const {
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    std::vector<double> peaks;
    for (const PeakMemory& p : m.memory[i]) {
      peaks.push_back(static_cast<double>(p.peak_rss_bytes) / kMiB);
    }
    const PeakMemory& last = m.memory[i].back();
    const nlohmann::json meta = {{"scope", to_string(last.scope)},
                                 {"batch_rows", m.batch_rows},
                                 {"start_rss_mb", static_cast<double>(last.start_rss_bytes) / kMiB},
                                 {"model_size_bytes", models_[i]->stored_size_bytes()}};
    out.push_back({names_[i], BenchmarkResult(names_[i] + "_peak_memory_mb", peaks, meta)});
  }
  return out;
}

ModelResults Benchmark::energy_results(const ModelsMeasurement& m) const {
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    std::vector<double> per_inference;
    for (const EnergyResult& e : m.energy[i]) per_inference.push_back(e.joules_per_inference);
    const EnergyResult& last = m.energy[i].back();
    const nlohmann::json meta = {{"method", last.method},
                                 {"note", last.note},
                                 {"domains", last.domains},
                                 {"window_s", last.window_s},
                                 {"batch_rows", m.batch_rows}};
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_energy_j_per_inference", per_inference, meta)});
  }
  return out;
}

ModelResults Benchmark::throughput_results(const ModelsMeasurement& measured) const {
  const InterleavedMeasurement& m = measured.throughput;
  nlohmann::json meta = describe_run(m);
  meta["batch_rows"] = measured.batch_rows;
  ModelResults out;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    std::vector<double> rates;
    for (const double ns : m.samples_ns[i])
      rates.push_back(rows_per_second(measured.batch_rows, ns));
    out.push_back(
        {names_[i], BenchmarkResult(names_[i] + "_throughput_samples_per_sec", rates, meta)});
  }
  return out;
}

}  // namespace tinyperf::measure
