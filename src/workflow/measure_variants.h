// Measuring the variants: the harness's interleaved benchmark (accuracy on the whole test split,
// batch-1 latency in shuffled rounds, peak memory, energy) through submission::benchmark_models,
// and Offline throughput through one LoadGen Offline run per variant. Private to the workflow
// module.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/loadgen/result.h"
#include "tinyperf/measure/model.h"
#include "tinyperf/submission/benchmark_report.h"
#include "tinyperf/workflow/run.h"
#include "tracker.h"
#include "variants.h"

namespace tinyperf::workflow {

// A Variant behind the harness's model interface: a fast engine Session (threads for batch runs),
// the stored size, and the parameter count of weights and biases (pruned zeros that are not stored
// are not counted; scales and indices are not parameters). predict() throws Interrupted when the
// stop flag is set, so a run stops within one call. The variant must outlive the adapter.
class EngineModel final : public measure::ModelUnderTest {
 public:
  EngineModel(const Variant& variant, int threads, const std::atomic<bool>* stop);
  std::string name() const override { return variant_.name; }
  std::size_t input_size() const override { return variant_.model.input_features(); }
  std::size_t num_classes() const override { return variant_.model.output_features(); }
  void predict(const measure::FeatureRows& x, std::span<float> scores) override;
  std::uint64_t stored_size_bytes() const override { return variant_.size_bytes; }
  std::uint64_t parameter_count() const override { return parameters_; }
  engine::Session& session() { return session_; }

 private:
  const Variant& variant_;
  engine::Session session_;
  std::uint64_t parameters_;
  const std::atomic<bool>* stop_;
};

// Weights and biases of a model as stored (tensors named weight, values or bias).
std::uint64_t weight_and_bias_count(const engine::Model& model);

// Measures every variant on `test` (benchmark_models: accuracy on every row, latency on row 0 in
// `budget.latency_rounds` shuffled rounds, memory / energy / batch timing on the first
// budget.batch_rows rows) and returns one report per variant, in the variants' order, with the
// oneDNN version added to system_info.libraries. Interrupted when the stop flag is set.
std::vector<submission::BenchmarkReport> measure_variants(std::span<EngineModel* const> models,
                                                          const data::Dataset& test,
                                                          const RunBudget& budget,
                                                          std::uint64_t seed);

// One LoadGen Offline run of `model` on the test split (a BatchingSut of at most
// budget.offline_batch rows per batch; seeds from `seed`). The query is sized from 1.2 × the
// higher of two untimed throughput estimates; when the run still ends before its min duration it
// is repeated once, sized from the rate it measured (a warning in the result says so).
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
