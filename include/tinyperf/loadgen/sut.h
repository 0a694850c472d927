// The two interfaces a load-generator run talks to (docs/loadgen.md): the system under test (SUT),
// which answers queries, and the sample library (QSL), which owns the data. The load generator
// never sees a model: the built-in engine is one SUT, a user's own inference code is another.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tinyperf::loadgen {

// One sample of a query. `id` identifies this issue of the sample within the run (pass it back to
// Completer::complete as is); `index` is the sample's index in the SampleLibrary.
struct QuerySample {
  std::uint64_t id = 0;
  std::uint64_t index = 0;
};

// Where a SUT reports finished samples. Implemented by the load generator; a test may implement
// its own to drive a SUT in isolation.
class Completer {
 public:
  virtual ~Completer() = default;

  // Reports `samples` as finished. Takes one timestamp on entry for the whole span, so a SUT that
  // finishes a batch reports it in one call. Thread-safe and wait-free: any thread may call it at
  // any time during the run, and it neither allocates, locks, formats nor does I/O. Each sample
  // must be completed exactly once; a repeated or unknown id is counted as an error (the run is
  // then INVALID) and otherwise ignored. The span only needs to be valid during the call.
  virtual void complete(std::span<const QuerySample> samples) noexcept = 0;

  void complete(const QuerySample& sample) noexcept { complete(std::span(&sample, 1)); }
};

// The system under test. The load generator calls issue_query and flush_queries from one thread
// (the issue thread); the SUT may complete samples on that thread (inside issue_query) or on any
// of its own threads, before or after issue_query returns.
class SystemUnderTest {
 public:
  virtual ~SystemUnderTest() = default;

  // A short human-readable name, recorded in the results (LoadGen's sut_name).
  virtual std::string name() const = 0;

  // Starts work on `samples` and reports each through `completer`. The span is valid only during
  // the call (copy what you need); `completer` stays valid until every sample of the run has been
  // completed. It should return quickly: in Server, time spent here delays the next issue, and
  // that delay counts towards the next queries' latency. It must not throw: a SUT that cannot
  // answer should still complete the samples (and record its own failure).
  virtual void issue_query(std::span<const QuerySample> samples, Completer& completer) = 0;

  // Called after the last issue_query of a run: a SUT holding samples back for a batch should
  // start them now. The run waits for every sample to be completed after this returns.
  virtual void flush_queries() {}
};

// The sample library (LoadGen's QSL): how many samples exist and which are resident in memory.
// load_samples / unload_samples are called before and after the timed part of a run (untimed).
class SampleLibrary {
 public:
  virtual ~SampleLibrary() = default;

  virtual std::string name() const = 0;
  // Every sample the library can provide; indices are 0 .. total_sample_count() - 1.
  virtual std::uint64_t total_sample_count() const = 0;
  // How many samples fit in memory at once; the run loads a random subset of this size
  // (at most total_sample_count()) and draws every query from it.
  virtual std::uint64_t performance_sample_count() const = 0;
  // Makes the samples at `indices` ready for issue_query (e.g. reads and preprocesses them).
  virtual void load_samples(std::span<const std::uint64_t> indices) = 0;
  // Releases what load_samples prepared for `indices`.
  virtual void unload_samples(std::span<const std::uint64_t> indices) = 0;
};

}  // namespace tinyperf::loadgen
