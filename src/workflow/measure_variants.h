// Measuring the variants: the harness's interleaved benchmark (accuracy on the whole test split,
// batch-1 latency in shuffled rounds, peak memory, energy) through submission::benchmark_models,
// and Offline throughput through one LoadGen Offline run per variant. Private to the workflow
// module.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/adapters/engine_model.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/loadgen/result.h"
#include "tinyperf/measure/model.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/workflow/run.h"
#include "tracker.h"
#include "variants.h"

namespace tinyperf::workflow {

using adapters::EngineModel;

// The oneDNN version linked in, "major.minor.patch" (recorded in system_info.libraries).
std::string onednn_version();

// A Variant behind the harness's model interface (adapters::EngineModel): a fast engine Session
// with `threads` for batch runs, named after the variant. predict() throws Interrupted once the
// stop flag is set, so a run stops within one call. The variant must outlive the model.
std::unique_ptr<EngineModel> engine_model(const Variant& variant, int threads,
                                          const std::atomic<bool>* stop);

// Measures every variant on `test` (benchmark_models: accuracy on every row, latency on row 0 in
// `budget.latency_rounds` shuffled rounds, memory / energy / batch timing on the first
// budget.batch_rows rows) and returns one report per variant, in the variants' order, with the
// oneDNN version added to system_info.libraries. Interrupted when the stop flag is set.
std::vector<submission::BenchmarkReport> measure_variants(std::span<EngineModel* const> models,
                                                          const data::Dataset& test,
                                                          const RunBudget& budget,
                                                          std::uint64_t seed);

// One LoadGen Offline run of `model` on the test split (an adapters::EngineSut on a worker thread,
// at most budget.offline_batch rows per batch; seeds from `seed`). The query is sized from 1.2 ×
// the higher of two untimed throughput estimates; when the run still ends before its min duration
// it is repeated once, sized from the rate it measured (a warning in the result says so).
// Interrupted when the stop flag is set; rethrows what the model threw.
loadgen::LoadgenResult run_offline(EngineModel& model, const data::Dataset& test,
                                   const RunBudget& budget, std::uint64_t seed,
                                   const std::atomic<bool>* stop);

// Offline runs of every model, in an order shuffled by `seed` (so slow drift does not always hit
// the same variant last); results in the models' order. Advances the tracker once per model.
std::vector<loadgen::LoadgenResult> run_offline_all(std::span<EngineModel* const> models,
                                                    const data::Dataset& test,
                                                    const RunBudget& budget, std::uint64_t seed,
                                                    PhaseTracker& tracker);

// Makes the Offline result the report's throughput figure (metrics.throughput_samples_per_sec,
// measured on batches by LoadGen, never derived from latency) and records how in
// measurement.throughput, keeping the harness's own batch timing beside it.
void put_offline(submission::BenchmarkReport& report, const loadgen::LoadgenResult& offline,
                 std::size_t batch);

// The LoadGen result under its detail-log keys, without the per-sample latencies (millions of
// values in an Offline run) and with `model_name`: what a submission's scenarios block holds.
nlohmann::json compact_scenario_json(const loadgen::LoadgenResult& result,
                                     const std::string& model_name);

}  // namespace tinyperf::workflow
