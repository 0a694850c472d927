#include "tinyperf/measure/measure_models.h"

#include <fmt/format.h>
#include <algorithm>
#include <functional>

#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"

namespace tinyperf::measure {
namespace {

using Models = std::span<ModelUnderTest* const>;
using Datasets = std::span<const LabelledData>;

void require_at_least_one(std::size_t value, const char* field) {
  if (value < 1) throw InputError(fmt::format("{} must be at least 1", field));
}

void validate_settings(const MeasureSettings& s) {
  TP_CHECK(s.env != nullptr);
  if (s.phases.latency) validate(s.latency);
  require_at_least_one(s.throughput_runs, "throughput_runs");
  require_at_least_one(s.memory_runs, "memory_runs");
  require_at_least_one(s.energy_runs, "energy_runs");
  require_at_least_one(s.accuracy_batch, "accuracy_batch");
  if (!(s.energy_min_seconds >= 0.0)) throw InputError("energy_min_seconds must be >= 0");
}

FeatureRows batch_of(Datasets datasets, const MeasureSettings& s) {
  const FeatureRows& x = datasets.front().x;
  const std::size_t rows = s.batch_rows == 0 ? x.rows : std::min(s.batch_rows, x.rows);
  return x.slice(0, rows);
}

std::vector<std::function<void()>> predictors(Models models, FeatureRows x) {
  std::vector<std::function<void()>> fns;
  for (ModelUnderTest* m : models) fns.push_back(predict_call(*m, x));
  return fns;
}

std::vector<double> accuracies(ModelUnderTest& model, Datasets datasets, std::size_t batch) {
  std::vector<double> out;
  for (const auto& d : datasets) out.push_back(measure_accuracy(model, d, batch));
  return out;
}

// The results of `runs` calls of `once`, in order.
template <class F>
auto repeat(std::size_t runs, F once) {
  std::vector<decltype(once())> out;
  for (std::size_t r = 0; r < runs; ++r) out.push_back(once());
  return out;
}

// The score buffer is allocated before the phases, so a phase's peak is the model's own.
std::vector<PeakMemory> memory_phases(ModelUnderTest& model, FeatureRows batch,
                                      const MeasureSettings& s) {
  PeakMemoryProbe probe(*s.env);
  const auto fn = predict_call(model, batch);
  return repeat(s.memory_runs, [&] {
    probe.begin_phase();
    fn();
    return probe.end_phase();
  });
}

std::vector<EnergyResult> energy_windows(ModelUnderTest& model, FeatureRows batch,
                                         const MeasureSettings& s) {
  EnergyMeter meter(s.energy, *s.env);
  const auto fn = predict_call(model, batch);
  return repeat(s.energy_runs,
                [&] { return meter.measure(repeat_for(fn, batch.rows, s.energy_min_seconds)); });
}

void measure_each(Models models, Datasets datasets, FeatureRows batch, const MeasureSettings& s,
                  ModelsMeasurement& m) {
  for (ModelUnderTest* model : models) {
    if (s.phases.accuracy) m.accuracy.push_back(accuracies(*model, datasets, s.accuracy_batch));
    if (s.phases.memory) m.memory.push_back(memory_phases(*model, batch, s));
    if (s.phases.energy) m.energy.push_back(energy_windows(*model, batch, s));
  }
}

InterleaveSettings throughput_settings(const MeasureSettings& s) {
  InterleaveSettings t;
  t.warmup = {.mode = WarmupMode::kCount, .runs = std::min(kThroughputWarmups, s.throughput_runs)};
  t.rounds = s.throughput_runs;
  t.max_rounds = s.throughput_runs;
  t.calls_per_round = 1;
  t.seed = s.throughput_seed;
  t.order = s.latency.order;
  return t;
}

}  // namespace

void validate(Models models, Datasets datasets, const MeasureSettings& settings) {
  if (models.empty()) throw InputError("at least one model is needed to measure");
  if (datasets.empty()) throw InputError("at least one labelled data set is needed to measure");
  validate_settings(settings);
  for (const ModelUnderTest* m : models) {
    for (const auto& d : datasets) validate_inputs(*m, d.x, d.labels, d.name);
  }
}

ModelsMeasurement measure_models(Models models, Datasets datasets, const MeasureSettings& s,
                                 Clock& clock) {
  validate(models, datasets, s);
  const FeatureRows batch = batch_of(datasets, s);
  ModelsMeasurement m;
  m.batch_rows = batch.rows;
  measure_each(models, datasets, batch, s, m);
  if (s.phases.latency) {
    const FeatureRows row = datasets.front().x.slice(0, 1);
    m.latency = measure_interleaved(predictors(models, row), s.latency, clock);
  }
  if (s.phases.throughput) {
    m.throughput = measure_interleaved(predictors(models, batch), throughput_settings(s), clock);
  }
  return m;
}

ModelsMeasurement measure_models(Models models, Datasets datasets, const MeasureSettings& s) {
  SteadyClock clock;
  return measure_models(models, datasets, s, clock);
}

double rows_per_second(std::size_t rows, double batch_ns) {
  return static_cast<double>(rows) / std::max(batch_ns * 1e-9, 1e-12);
}

}  // namespace tinyperf::measure
