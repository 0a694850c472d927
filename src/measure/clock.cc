#include "tinyperf/measure/clock.h"

#include <algorithm>
#include <vector>

#include "tinyperf/core/check.h"

namespace tinyperf::measure {

ManualClock::ManualClock(std::int64_t start_ns, std::int64_t tick_ns)
    : now_(start_ns), tick_(tick_ns) {
  TP_CHECK(tick_ns >= 0);
}

std::int64_t ManualClock::now_ns() {
  const std::int64_t t = now_;
  now_ += tick_;
  return t;
}

void ManualClock::advance(std::int64_t ns) {
  TP_CHECK(ns >= 0);
  now_ += ns;
}

TimerOverhead measure_timer_overhead(Clock& clock, std::size_t probes) {
  TP_CHECK(probes >= 1);
  std::vector<std::int64_t> deltas(probes);
  for (auto& d : deltas) {
    const std::int64_t t0 = clock.now_ns();
    const std::int64_t t1 = clock.now_ns();
    d = t1 - t0;
  }
  std::sort(deltas.begin(), deltas.end());
  TimerOverhead out;
  out.probes = probes;
  const std::size_t mid = probes / 2;
  out.median_ns = probes % 2 == 1 ? static_cast<double>(deltas[mid])
                                  : (static_cast<double>(deltas[mid - 1]) + deltas[mid]) / 2.0;
  const auto positive = std::upper_bound(deltas.begin(), deltas.end(), std::int64_t{0});
  out.resolution_ns = positive == deltas.end() ? 0.0 : static_cast<double>(*positive);
  return out;
}

}  // namespace tinyperf::measure
