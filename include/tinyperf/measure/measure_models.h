// The one measurement orchestrator: several models measured on the same labelled data with the
// same settings — accuracy on every row, peak memory and energy of batch predictions, latency and
// batch throughput in interleaved rounds — and returned as raw measurements. The course's API
// (Benchmark, BenchmarkSuite in benchmark.h; submission::BenchmarkReport) presents them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/core/env.h"
#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/energy.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/memory.h"
#include "tinyperf/measure/model.h"

namespace tinyperf::measure {

// Which figures measure_models measures (each for every model).
struct Phases {
  bool accuracy = true;    // argmax against the labels on every row of every data set
  bool memory = true;      // peak resident memory of predicting one batch
  bool energy = true;      // energy per inference of repeated batch predictions
  bool latency = true;     // predict() on one row, in interleaved rounds
  bool throughput = true;  // predict() on one batch, in interleaved rounds

  // No phase at all (set the ones wanted).
  static constexpr Phases none() { return {false, false, false, false, false}; }
};

// Untimed batch runs before the timed throughput runs: min(kThroughputWarmups, throughput_runs).
inline constexpr std::size_t kThroughputWarmups = 5;

struct MeasureSettings {
  Phases phases;
  // Latency: one predict() call on row 0 of the first data set per call timed; rounds, warmup,
  // min duration, batching of calls, order and seed as in interleave.h.
  InterleaveSettings latency;
  // Rows of the batch used by throughput, memory and energy: the first batch_rows rows of the
  // first data set, all of them when 0 or more than it has.
  std::size_t batch_rows = 0;
  // Throughput: timed batch runs per model (>= 1), one call each, in latency.order, with round
  // orders seeded by throughput_seed; after min(kThroughputWarmups, runs) untimed runs.
  std::size_t throughput_runs = 10;
  std::uint64_t throughput_seed = 0x1D1E'5EEDu;
  std::size_t memory_runs = 1;      // measured phases per model, >= 1
  std::size_t energy_runs = 1;      // energy windows per model, >= 1
  double energy_min_seconds = 0.2;  // each window repeats the batch until it lasts this long, >= 0
  EnergySettings energy;
  // The machine peak memory and energy counters are read from; must outlive the call (tests pass
  // a RootedEnv over a fake /proc and /sys tree).
  const Env* env = &Env::system();
  std::size_t accuracy_batch = 256;  // rows per predict() while measuring accuracy, >= 1
};

// What measure_models measured; model i is at index i of every per-model vector. A phase that was
// not run leaves its vectors empty (and its InterleavedMeasurement default).
struct ModelsMeasurement {
  std::size_t batch_rows = 0;                     // rows of the batch actually used
  std::vector<std::vector<double>> accuracy;      // [model][data set]: fraction in [0, 1]
  std::vector<std::vector<PeakMemory>> memory;    // [model][run]
  std::vector<std::vector<EnergyResult>> energy;  // [model][window]
  InterleavedMeasurement latency;     // samples_ns[model][round]: ns per single-row call
  InterleavedMeasurement throughput;  // samples_ns[model][run]: ns per batch call
};

// Checks everything measure_models would refuse, before anything is measured, and throws
// InputError naming it: no model; no data set; a settings field out of range (named as above,
// e.g. "throughput_runs", or as validate(InterleaveSettings) names it); a data set that does not
// fit a model (validate_inputs, named by the data set's name).
void validate(std::span<ModelUnderTest* const> models, std::span<const LabelledData> datasets,
              const MeasureSettings& settings);

// Validates, then measures in this order: per model, accuracy on every data set, then the memory
// phases, then the energy windows; then the latency rounds and the throughput rounds of all the
// models together (so their samples are paired by round). The models are used, not kept; the data
// must outlive the call. `clock` times the latency and throughput rounds (energy is physical and
// always uses real time). InputError for non-finite scores (measure_accuracy); exceptions from
// predict() propagate.
ModelsMeasurement measure_models(std::span<ModelUnderTest* const> models,
                                 std::span<const LabelledData> datasets,
                                 const MeasureSettings& settings, Clock& clock);

// The same with a SteadyClock.
ModelsMeasurement measure_models(std::span<ModelUnderTest* const> models,
                                 std::span<const LabelledData> datasets,
                                 const MeasureSettings& settings = {});

// Batch rows per second of one timed batch call: rows / (ns × 1e-9), with the time floored at
// 1 ps so that a call a fake clock did not see take time gives a large finite rate.
double rows_per_second(std::size_t rows, double batch_ns);

}  // namespace tinyperf::measure
