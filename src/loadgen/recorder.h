// RunRecorder: the Completer of one run (private to the loadgen module). Every sample has a
// preallocated slot for its completion time, indexed by its id, so completing is one clock read,
// a few relaxed stores and atomic counts: no allocation, lock, formatting or I/O.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "tinyperf/core/clock.h"
#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen::detail {

class RunRecorder final : public Completer {
 public:
  // Slots for `sample_count` samples in queries of `samples_per_query` consecutive ids.
  RunRecorder(Clock& clock, std::uint64_t sample_count, std::uint64_t samples_per_query);

  void complete(std::span<const QuerySample> samples) noexcept override;

  // Blocks the issuing thread until `query_count` queries are complete: spins briefly (a
  // synchronous SUT has already completed), then sleeps on the counter (futex).
  void wait_for_queries(std::uint64_t query_count) noexcept;

  // Completion time of sample `id` on the run's clock; kNotDone when not completed.
  std::int64_t done_ns(std::uint64_t id) const noexcept {
    return done_ns_[id].load(std::memory_order_acquire);
  }
  std::uint64_t errors() const noexcept { return errors_.load(std::memory_order_acquire); }

  static constexpr std::int64_t kNotDone = INT64_MIN;

 private:
  void sample_done(std::uint64_t id, std::int64_t now) noexcept;
  void query_done() noexcept;

  Clock& clock_;
  std::uint64_t sample_count_;
  std::uint64_t samples_per_query_;
  std::unique_ptr<std::atomic<std::int64_t>[]> done_ns_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> remaining_;  // per query, when spq > 1
  // Completed queries modulo 2^32: 32 bits so that wait/notify use the futex directly.
  alignas(64) std::atomic<std::uint32_t> completed_queries_{0};
  alignas(64) std::atomic<std::uint64_t> errors_{0};
};

}  // namespace tinyperf::loadgen::detail
