// The measurement loop over any callable: warmup (a fixed count, or until the running median
// settles), then measurement by count and minimum time, with the timer's overhead measured first
// and very short callables timed in batches of calls per clock reading. Every choice the loop made
// is recorded in the returned Measurement. docs/methodology.md describes the policy for users.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "tinyperf/measure/clock.h"

namespace tinyperf::measure {

enum class WarmupMode {
  kCount,        // exactly `runs` untimed calls
  kUntilStable,  // windows of `window` timed calls until two consecutive window medians agree
};

// How the loop warms the callable up before it measures.
// kUntilStable, precisely: calls are timed one at a time in windows of `window` calls; after each
// window its median m_k is compared with the previous window's m_{k-1}; warmup stops at the first k
// with |m_k - m_{k-1}| <= tolerance * m_{k-1}, once at least `runs` calls were made. It also stops,
// unsettled, after `max_runs` calls or `max_seconds` of warmup; Measurement says which happened.
struct WarmupPolicy {
  WarmupMode mode = WarmupMode::kUntilStable;
  std::size_t runs = 10;        // kCount: the number of calls; kUntilStable: the minimum number
  std::size_t window = 10;      // kUntilStable: calls per window, >= 1
  double tolerance = 0.01;      // kUntilStable: relative change of the window median, >= 0
  std::size_t max_runs = 1000;  // kUntilStable: cap on warmup calls
  double max_seconds = 2.0;     // kUntilStable: cap on warmup time, in seconds
};

// A one-line description recorded with every measurement, e.g.
// "count(runs=5)" or "until_stable(window=10, tolerance=0.01, min_runs=10, max_runs=1000,
// max_s=2)".
std::string describe(const WarmupPolicy& policy);

// Callables estimated to take less than this are timed in batches (one clock read pair per batch).
inline constexpr double kBatchThresholdNs = 1000.0;
// Auto batching grows the batch until one batch lasts at least this long (1000 × the 10 ns clock
// resolution measured here), so the clock's cost is at most a few tenths of a percent of a reading.
inline constexpr double kBatchTargetNs = 10'000.0;

struct RunSettings {
  WarmupPolicy warmup;
  std::size_t measurement_runs = 100;  // at least this many samples, >= 1
  double min_duration_s = 0.0;       // and keep sampling until this much time has been measured...
  std::size_t max_runs = 1'000'000;  // ...but never take more than this many samples
  // Calls per sample: 1 times every call on its own; 0 = auto (1 unless the callable is shorter
  // than kBatchThresholdNs, then a batch lasting kBatchTargetNs). A sample is the batch's time /
  // calls.
  std::size_t calls_per_sample = 0;
};

// What one measurement produced and how.
struct Measurement {
  std::vector<double> samples_ns;  // per-call time of each sample, in measurement order
  std::size_t calls_per_sample = 1;
  std::string warmup_policy;      // describe(settings.warmup)
  std::size_t warmup_runs = 0;    // untimed-for-the-result calls made before measuring (warmup and
                                  // batch calibration)
  bool warmup_settled = true;     // false when kUntilStable stopped at a cap
  TimerOverhead timer;            // the clock's cost, measured before warmup
  double measured_seconds = 0.0;  // from the first sample's start to the last sample's end
};

// Checks `settings` and throws InputError naming the bad field (measurement_runs == 0, window == 0,
// negative or non-finite durations or tolerance, max_runs < measurement_runs).
void validate(const RunSettings& settings);

// Warms up and measures `fn`, reading time from `clock`. The samples are not corrected for the
// timer's overhead (it is recorded instead). Exceptions thrown by `fn` propagate.
Measurement measure(const std::function<void()>& fn, const RunSettings& settings, Clock& clock);

// The same with a SteadyClock.
Measurement measure(const std::function<void()>& fn, const RunSettings& settings = {});

namespace detail {
// Shared by measure() and the interleaved runner.
// Throws InputError naming `count_name` / `max_name` when count < 1 or max < count, and for a
// negative or non-finite duration or an invalid warmup policy.
void validate_loop(const WarmupPolicy& warmup, std::size_t count, std::size_t max,
                   double min_duration_s, const char* count_name, const char* max_name);
struct WarmupOutcome {
  std::size_t runs = 0;
  bool settled = true;
  double last_median_ns = 0.0;  // median of the last timed window (0 for kCount)
};
WarmupOutcome warm_up(const std::function<void()>& fn, const WarmupPolicy& policy, Clock& clock);
// The batch size for `fn` given its estimated per-call time; calibrates by timing growing batches
// when the estimate is below kBatchThresholdNs. Adds the calls it makes to `calls_made`.
std::size_t choose_batch(const std::function<void()>& fn, double estimate_ns, Clock& clock,
                         std::size_t& calls_made);
}  // namespace detail

}  // namespace tinyperf::measure
