// The engine as a load-generator SUT: an EngineModel answering queries whose sample index i is
// row i of a feature matrix, on the issue thread (loadgen::CallableSut) or on a worker thread that
// batches the backlog (loadgen::BatchingSut). A batch's rows are gathered into a buffer allocated
// once and run at batch sizes the session prepared ahead (powers of two and the maximum: a batch
// of 200 runs as 128 + 64 + 8), so the timed part neither pads nor allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "tinyperf/adapters/engine_model.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/settings.h"
#include "tinyperf/loadgen/sut.h"
#include "tinyperf/measure/model.h"

namespace tinyperf::adapters {

// Where an EngineSut runs inference.
enum class SutThreading {
  kIssueThread,  // CallableSut::batched: inside issue_query (SingleStream, MultiStream)
  kWorker,       // BatchingSut: on its worker thread, greedy dynamic batching (Server, Offline)
};

// kWorker for Server and Offline, kIssueThread for SingleStream and MultiStream.
SutThreading threading_for(loadgen::Scenario scenario);

// Receives each batch's scores: the sample indices and their scores (indices.size() ×
// num_classes, row-major), valid only during the call, on the thread that ran the batch.
using ScoresFunction =
    std::function<void(std::span<const std::uint64_t> indices, std::span<const float> scores)>;

class EngineSut final : public loadgen::SystemUnderTest {
 public:
  // Runs `model` (its session) on rows of `samples`; `model` and the values `samples` views must
  // outlive the SUT. Prepares the session for every batch size it will use. Throws InputError
  // when max_batch is 0 or the rows do not have model.input_size() features. `on_scores`, when
  // set, sees every batch's output (e.g. to check accuracy); it is called on the timed path.
  EngineSut(EngineModel& model, measure::FeatureRows samples, std::size_t max_batch,
            SutThreading threading, ScoresFunction on_scores = {});
  ~EngineSut() override;
  EngineSut(const EngineSut&) = delete;
  EngineSut& operator=(const EngineSut&) = delete;

  // "tinyperf-engine:<model name>".
  std::string name() const override;
  void issue_query(std::span<const loadgen::QuerySample> samples,
                   loadgen::Completer& completer) override;
  void flush_queries() override;
  // The first exception inference threw (the samples were still completed), or null: rethrow it
  // after the run. Once the model's stop flag is set the SUT does no more work and completes
  // samples at once; the caller checks its flag after the run.
  std::exception_ptr first_error() const;

 private:
  class Runner;
  loadgen::SystemUnderTest& inner() const;  // batching_ or callable_

  std::unique_ptr<Runner> runner_;  // declared first: the worker of batching_ uses it
  std::unique_ptr<loadgen::CallableSut> callable_;
  std::unique_ptr<loadgen::BatchingSut> batching_;
};

}  // namespace tinyperf::adapters
