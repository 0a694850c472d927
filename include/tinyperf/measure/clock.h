// The harness's side of time: optimization barriers and the timer's own cost. The time source
// itself is tinyperf::Clock (core/clock.h): SteadyClock in production, ManualClock in tests.
#pragma once

#include <cstddef>

#include "tinyperf/core/clock.h"

namespace tinyperf::measure {

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
