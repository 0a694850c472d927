// The one time source of tinyperf. The harness (measure) and the load generator (loadgen) read
// time only through `Clock`, so a production run uses std::chrono::steady_clock (SteadyClock:
// monotonic, ~24 ns a read and 10 ns effective resolution on the development machine) and a test
// drives the same code with ManualClock, whose time moves only when told, so every figure of a
// run can be predicted by hand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace tinyperf {

class Clock {
 public:
  virtual ~Clock() = default;
  // Nanoseconds since an arbitrary, fixed origin; never decreases. Thread-safe in both clocks
  // below, with no allocation or locking (the load generator reads it on its issue and
  // completion paths).
  virtual std::int64_t now_ns() noexcept = 0;
  // Returns once now_ns() >= `deadline_ns` (at once when it already is), with the time it read
  // last (>= deadline_ns). The load generator's Server issue thread waits for each scheduled
  // arrival with it.
  virtual std::int64_t wait_until(std::int64_t deadline_ns) noexcept = 0;
};

// std::chrono::steady_clock. now_ns is defined here so that code holding a SteadyClock (rather
// than a Clock&) reads it inline, without a virtual call.
//
// wait_until sleeps until `spin_window_ns` before the deadline and busy-waits (with the CPU's
// pause hint) for the rest: on this kind of VM a sleep wakes 50-100 µs late, while the spin lands
// within ~0.1 µs (measurements in docs/loadgen.md). The thread calling wait_until should have a
// small timer slack (the load generator sets 1 ns on its Server issue thread).
class SteadyClock final : public Clock {
 public:
  // `spin_window_ns` (>= 0): default 100 µs; 0 sleeps only (cheaper on the CPU, later wakes).
  explicit SteadyClock(std::int64_t spin_window_ns = 100'000) : spin_window_ns_(spin_window_ns) {}

  std::int64_t now_ns() noexcept override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::int64_t wait_until(std::int64_t deadline_ns) noexcept override;
  std::int64_t spin_window_ns() const { return spin_window_ns_; }

 private:
  std::int64_t spin_window_ns_;
};

// Simulated time, for tests and simulations: starts at `start_ns` and moves only through
// advance, wait_until and the modelled cost of a read: each now_ns() returns the current time
// and then moves it forward by `tick_ns` (>= 0; default 0, a free read). A fake model or SUT
// that advances the clock by its latency then behaves, deterministically, like one with that
// service time. Thread-safe (atomic); no allocation or locking.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ns = 0, std::int64_t tick_ns = 0);

  std::int64_t now_ns() noexcept override {
    return now_.fetch_add(tick_, std::memory_order_acq_rel);
  }
  // Moves the time forward to `deadline_ns` (never back) and returns the time then. No tick.
  std::int64_t wait_until(std::int64_t deadline_ns) noexcept override;
  // Moves the time forward by `ns` nanoseconds (>= 0; a negative step is a bug and aborts).
  void advance(std::int64_t ns) noexcept;
  // The current time, without a read's tick.
  std::int64_t peek_ns() const noexcept { return now_.load(std::memory_order_acquire); }

 private:
  std::atomic<std::int64_t> now_;
  const std::int64_t tick_;
};

// The smallest non-zero step between two successive steady_clock readings, in ns, measured over a
// few thousand reads (10 ns on the development machine). The load generator reports it with every
// run.
std::int64_t measure_steady_clock_resolution_ns();

}  // namespace tinyperf
