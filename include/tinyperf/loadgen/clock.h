// The time source of a load-generator run. Production runs use SteadyClock
// (std::chrono::steady_clock); tests and simulations use ManualClock, whose time only moves when
// someone moves it, so a fake SUT with a known latency gives exactly known results.
#pragma once

#include <atomic>
#include <cstdint>

namespace tinyperf::loadgen {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time in ns since an arbitrary, fixed origin. Thread-safe; no allocation or locking.
  virtual std::int64_t now_ns() noexcept = 0;
  // Returns once now_ns() >= `deadline_ns` (at once when it already is), with the time it read
  // last (>= deadline_ns). Used by the Server issue thread to wait for each scheduled arrival.
  virtual std::int64_t wait_until(std::int64_t deadline_ns) noexcept = 0;
};

// std::chrono::steady_clock. wait_until sleeps until `spin_window_ns` before the deadline and
// busy-waits (with the CPU's pause hint) for the rest: on this kind of VM a sleep wakes 50-100 µs
// late, while the spin lands within ~0.1 µs (measurements in docs/loadgen.md). The thread calling
// wait_until should have a small timer slack (run_scenario sets 1 ns on its Server issue thread).
class SteadyClock final : public Clock {
 public:
  // `spin_window_ns`: default 100 µs; 0 sleeps only (cheaper on the CPU, later issues).
  explicit SteadyClock(std::int64_t spin_window_ns = 100'000) : spin_window_ns_(spin_window_ns) {}
  std::int64_t now_ns() noexcept override;
  std::int64_t wait_until(std::int64_t deadline_ns) noexcept override;
  std::int64_t spin_window_ns() const { return spin_window_ns_; }

 private:
  std::int64_t spin_window_ns_;
};

// Simulated time: starts at `start_ns` and moves only through advance and wait_until. A fake
// SUT that completes inside issue_query after advancing the clock by its latency behaves like a
// single server with that service time, deterministically. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ns = 1'000'000'000) : now_(start_ns) {}
  std::int64_t now_ns() noexcept override { return now_.load(std::memory_order_acquire); }
  // Moves the time forward to `deadline_ns` (never back).
  std::int64_t wait_until(std::int64_t deadline_ns) noexcept override;
  // Moves the time forward by `delta_ns` (>= 0).
  void advance(std::int64_t delta_ns) noexcept;

 private:
  std::atomic<std::int64_t> now_;
};

// The smallest non-zero step between two successive steady_clock readings, in ns, measured over
// a few thousand reads (10 ns on the development machine). Reported with every run.
std::int64_t measure_steady_clock_resolution_ns();

}  // namespace tinyperf::loadgen
