#include "recorder.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace tinyperf::loadgen::detail {

RunRecorder::RunRecorder(Clock& clock, std::uint64_t sample_count, std::uint64_t spq)
    : clock_(clock),
      sample_count_(sample_count),
      samples_per_query_(spq),
      done_ns_(new std::atomic<std::int64_t>[sample_count]) {
  for (std::uint64_t i = 0; i < sample_count; ++i) {
    done_ns_[i].store(kNotDone, std::memory_order_relaxed);
  }
  if (spq > 1) {
    const std::uint64_t queries = sample_count / spq;
    remaining_.reset(new std::atomic<std::uint32_t>[queries]);
    for (std::uint64_t q = 0; q < queries; ++q) {
      remaining_[q].store(static_cast<std::uint32_t>(spq), std::memory_order_relaxed);
    }
  }
}

void RunRecorder::complete(std::span<const QuerySample> samples) noexcept {
  const std::int64_t now = clock_.now_ns();
  for (const QuerySample& s : samples) sample_done(s.id, now);
}

void RunRecorder::sample_done(std::uint64_t id, std::int64_t now) noexcept {
  // A repeated completion from two threads at once could slip through this check; it still
  // cannot corrupt memory, and any repeat from one thread is caught.
  if (id >= sample_count_ || done_ns_[id].load(std::memory_order_relaxed) != kNotDone) {
    errors_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  done_ns_[id].store(now, std::memory_order_release);
  if (samples_per_query_ == 1 ||
      remaining_[id / samples_per_query_].fetch_sub(1, std::memory_order_acq_rel) == 1) {
    query_done();
  }
}

void RunRecorder::query_done() noexcept {
  completed_queries_.fetch_add(1, std::memory_order_release);
  completed_queries_.notify_one();  // a load of the waiter count unless the issuer sleeps
}

void RunRecorder::wait_for_queries(std::uint64_t query_count) noexcept {
  const auto target = static_cast<std::uint32_t>(query_count);
  auto reached = [&](std::uint32_t seen) { return static_cast<std::int32_t>(seen - target) >= 0; };
  std::uint32_t seen = completed_queries_.load(std::memory_order_acquire);
  for (int spin = 0; spin < 4096 && !reached(seen); ++spin) {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
    seen = completed_queries_.load(std::memory_order_acquire);
  }
  while (!reached(seen)) {
    completed_queries_.wait(seen, std::memory_order_acquire);
    seen = completed_queries_.load(std::memory_order_acquire);
  }
}

}  // namespace tinyperf::loadgen::detail
