// Ready-made SUTs and a sample library, so that any inference function can be measured without
// writing a SystemUnderTest: CallableSut runs a callable on the issue thread, BatchingSut runs a
// batch callable on its own worker thread (the Server / Offline shape), NullSut completes at once
// (to measure the load generator itself), IndexSampleLibrary is a QSL whose samples are already
// in memory.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen {

// Runs inference on a batch of sample indices (rows in the given order). Must not keep the span.
using BatchFunction = std::function<void(std::span<const std::uint64_t> sample_indices)>;
// Runs inference on one sample index.
using SampleFunction = std::function<void(std::uint64_t sample_index)>;

// Completes every sample as soon as it is issued, on the issue thread: measures the load
// generator's own cost (MLPerf's "null SUT").
class NullSut final : public SystemUnderTest {
 public:
  std::string name() const override { return "null"; }
  void issue_query(std::span<const QuerySample> samples, Completer& completer) override {
    completer.complete(samples);
  }
};

// Synchronous SUT: issue_query runs the callable on the query's samples, in chunks of at most
// `max_batch`, and completes each chunk as soon as it returns (one timestamp per chunk). Suits
// SingleStream and MultiStream, where the issuer waits for the query anyway. An exception from
// the callable is stored (first_error) and the samples are still completed.
class CallableSut final : public SystemUnderTest {
 public:
  // One sample per call.
  static CallableSut per_sample(std::string name, SampleFunction infer);
  // Up to `max_batch` (>= 1, else InputError) samples per call.
  static CallableSut batched(std::string name, BatchFunction infer, std::size_t max_batch);

  std::string name() const override { return name_; }
  void issue_query(std::span<const QuerySample> samples, Completer& completer) override;
  // The first exception the callable threw, or null. Rethrow it after the run to report it.
  std::exception_ptr first_error() const { return first_error_; }

 private:
  CallableSut(std::string name, BatchFunction infer, std::size_t max_batch);
  std::string name_;
  BatchFunction infer_;
  std::vector<std::uint64_t> indices_;  // preallocated chunk buffer (max_batch entries)
  std::exception_ptr first_error_;
};

// Asynchronous SUT with one worker thread: issue_query only queues the samples (a mutex-guarded
// vector, reserved ahead) and returns; the worker takes whatever is queued, runs it in batches of
// at most `max_batch` in arrival order, and completes each batch with one timestamp. Batches grow
// with the backlog: batch 1 when idle, up to max_batch under load (greedy dynamic batching, no
// timeout), and an Offline query is cut into max_batch chunks. Destruction waits for the worker
// to finish what is queued. An exception from the callable is stored and the samples completed.
class BatchingSut final : public SystemUnderTest {
 public:
  // Throws InputError when max_batch is 0. Starts the worker thread.
  BatchingSut(std::string name, BatchFunction infer, std::size_t max_batch);
  ~BatchingSut() override;
  BatchingSut(const BatchingSut&) = delete;
  BatchingSut& operator=(const BatchingSut&) = delete;

  std::string name() const override { return name_; }
  void issue_query(std::span<const QuerySample> samples, Completer& completer) override;
  std::exception_ptr first_error() const;
  // Largest batch the worker has run so far (for reports and tests).
  std::size_t largest_batch() const;

 private:
  void worker_loop();
  void run_chunks(std::span<const QuerySample> samples, Completer& completer);

  std::string name_;
  BatchFunction infer_;
  std::size_t max_batch_;
  std::vector<std::uint64_t> indices_;  // worker's chunk buffer
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<QuerySample> pending_;  // guarded by mutex_
  std::vector<QuerySample> working_;  // worker only
  Completer* completer_ = nullptr;    // guarded by mutex_
  bool worker_idle_ = false;          // guarded by mutex_
  bool stop_ = false;                 // guarded by mutex_
  std::size_t largest_batch_ = 0;     // guarded by mutex_
  std::exception_ptr first_error_;    // guarded by mutex_
  std::thread worker_;
};

// A sample library whose samples are already in memory (or need no loading): indices
// 0 .. total - 1, `performance_count` of them loaded per run (clamped to total). The optional
// hooks run on load / unload.
class IndexSampleLibrary final : public SampleLibrary {
 public:
  using Hook = std::function<void(std::span<const std::uint64_t> indices)>;
  IndexSampleLibrary(std::string name, std::uint64_t total, std::uint64_t performance_count,
                     Hook on_load = {}, Hook on_unload = {});

  std::string name() const override { return name_; }
  std::uint64_t total_sample_count() const override { return total_; }
  std::uint64_t performance_sample_count() const override { return performance_count_; }
  void load_samples(std::span<const std::uint64_t> indices) override;
  void unload_samples(std::span<const std::uint64_t> indices) override;

 private:
  std::string name_;
  std::uint64_t total_;
  std::uint64_t performance_count_;
  Hook on_load_;
  Hook on_unload_;
};

}  // namespace tinyperf::loadgen
