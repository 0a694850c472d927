// Time sources for the harness, optimization barriers, and the timer's own cost.
// The harness reads time only through `Clock`, so tests can drive it with a deterministic clock and
// a production run uses std::chrono::steady_clock (monotonic; ~24 ns a read on the development
// machine, 10 ns effective resolution: docs/methodology.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace tinyperf::measure {

// A monotonic time source in nanoseconds. Not thread-safe unless an implementation says so.
class Clock {
 public:
  virtual ~Clock() = default;
  // Nanoseconds since an arbitrary, fixed origin; never decreases.
  virtual std::int64_t now_ns() = 0;
};

// std::chrono::steady_clock. Stateless; safe to share between threads.
class SteadyClock final : public Clock {
 public:
  std::int64_t now_ns() override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told: for tests and simulations. Each read first returns the
// current time and then advances it by `tick_ns` (the modelled cost of one clock read; default 0).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ns = 0, std::int64_t tick_ns = 0);
  std::int64_t now_ns() override;
  // Moves time forward by `ns` nanoseconds (>= 0; a negative step is a bug and aborts).
  void advance(std::int64_t ns);
  // The current time without the read's tick.
  std::int64_t peek_ns() const { return now_; }

 private:
  std::int64_t now_;
  std::int64_t tick_;
};

// Keeps `value` (and the computation that produced it) from being optimized away: the compiler must
// assume the value's address escapes and that memory is read and written here. No instructions are
// emitted beyond materializing the value in memory.
template <class T>
inline void do_not_optimize(T const& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

// A compiler barrier: memory operations are not moved across it. Emits no instruction.
inline void clobber_memory() { asm volatile("" : : : "memory"); }

// The cost of reading `clock`, measured at the start of every measurement and recorded with it.
struct TimerOverhead {
  double median_ns = 0.0;      // median of back-to-back read differences: the cost of one read
  double resolution_ns = 0.0;  // smallest positive difference seen (0 if every difference was 0)
  std::size_t probes = 0;      // pairs of reads taken
};

// Takes `probes` (>= 1) back-to-back pairs of reads of `clock`.
TimerOverhead measure_timer_overhead(Clock& clock, std::size_t probes = 1000);

}  // namespace tinyperf::measure
