#include "tinyperf/measure/clock.h"

#include <algorithm>
#include <vector>

#include "tinyperf/core/check.h"

namespace tinyperf::measure {

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
