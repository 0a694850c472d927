#include "tinyperf/measure/runner.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::measure {
namespace {

// Auto batching never grows a batch beyond this, so a callable that costs nothing on a fake clock
// cannot loop for ever.
constexpr std::size_t kMaxBatch = std::size_t{1} << 20;
// Single calls timed to estimate the per-call time when the warmup policy timed none.
constexpr std::size_t kEstimateProbes = 5;

std::int64_t time_call(const std::function<void()>& fn, Clock& clock) {
  const std::int64_t t0 = clock.now_ns();
  fn();
  const std::int64_t t1 = clock.now_ns();
  return t1 - t0;
}

std::int64_t time_batch(const std::function<void()>& fn, std::size_t calls, Clock& clock) {
  const std::int64_t t0 = clock.now_ns();
  for (std::size_t i = 0; i < calls; ++i) fn();
  const std::int64_t t1 = clock.now_ns();
  return t1 - t0;
}

double median_of_single_calls(const std::function<void()>& fn, std::size_t calls, Clock& clock) {
  std::vector<double> times(calls);
  for (auto& t : times) t = static_cast<double>(time_call(fn, clock));
  return stats::median(times);
}

detail::WarmupOutcome warm_up_count(const std::function<void()>& fn, std::size_t runs) {
  for (std::size_t i = 0; i < runs; ++i) fn();
  return {runs, true, 0.0};
}

detail::WarmupOutcome warm_up_until_stable(const std::function<void()>& fn,
                                           const WarmupPolicy& policy, Clock& clock) {
  detail::WarmupOutcome out{0, false, 0.0};
  const std::int64_t start = clock.now_ns();
  const double max_ns = policy.max_seconds * 1e9;
  double previous = -1.0;
  while (true) {
    const double m = median_of_single_calls(fn, policy.window, clock);
    out.runs += policy.window;
    out.last_median_ns = m;
    if (previous >= 0.0 && out.runs >= policy.runs &&
        std::abs(m - previous) <= policy.tolerance * previous) {
      out.settled = true;
      return out;
    }
    previous = m;
    if (out.runs >= policy.max_runs || static_cast<double>(clock.now_ns() - start) >= max_ns) {
      return out;
    }
  }
}

void require(bool ok, const char* message) {
  if (!ok) throw InputError(message);
}

bool finite_non_negative(double v) { return std::isfinite(v) && v >= 0.0; }

std::size_t auto_batch(const std::function<void()>& fn, const detail::WarmupOutcome& warmup,
                       Clock& clock, std::size_t& calls_made) {
  double estimate = warmup.last_median_ns;
  if (estimate <= 0.0) {
    estimate = median_of_single_calls(fn, kEstimateProbes, clock);
    calls_made += kEstimateProbes;
  }
  return detail::choose_batch(fn, estimate, clock, calls_made);
}

// Samples are chained: one clock read ends a sample and starts the next, so the harness costs one
// read per sample (the loop's own bookkeeping, a few instructions, falls inside the next sample).
// Growing the sample vector would copy it inside a sample, so growth re-reads the clock afterwards.
// A template so that the SteadyClock path reads the clock inline, without a virtual call.
template <class C>
void sample_loop(const std::function<void()>& fn, const RunSettings& settings, Measurement& m,
                 C& clock) {
  const std::size_t k = m.calls_per_sample;
  const double per_call = 1.0 / static_cast<double>(k);
  const double min_ns = settings.min_duration_s * 1e9;
  auto& samples = m.samples_ns;
  samples.reserve(settings.measurement_runs);
  const std::int64_t first = clock.now_ns();
  std::int64_t previous = first;
  for (std::size_t n = 1;; ++n) {
    if (k == 1) {
      fn();
    } else {
      for (std::size_t i = 0; i < k; ++i) fn();
    }
    const std::int64_t now = clock.now_ns();
    samples.push_back(static_cast<double>(now - previous) * per_call);
    previous = now;
    const bool enough =
        n >= settings.measurement_runs && static_cast<double>(now - first) >= min_ns;
    if (enough || n >= settings.max_runs) {
      m.measured_seconds = static_cast<double>(now - first) * 1e-9;
      return;
    }
    if (samples.size() == samples.capacity()) {
      samples.reserve(std::min(2 * samples.capacity(), settings.max_runs));
      previous = clock.now_ns();
    }
  }
}

}  // namespace

std::string describe(const WarmupPolicy& p) {
  if (p.mode == WarmupMode::kCount) return fmt::format("count(runs={})", p.runs);
  return fmt::format("until_stable(window={}, tolerance={}, min_runs={}, max_runs={}, max_s={})",
                     p.window, p.tolerance, p.runs, p.max_runs, p.max_seconds);
}

void validate(const RunSettings& s) {
  detail::validate_loop(s.warmup, s.measurement_runs, s.max_runs, s.min_duration_s,
                        "measurement_runs", "max_runs");
}

namespace detail {

void validate_loop(const WarmupPolicy& warmup, std::size_t count, std::size_t max,
                   double min_duration_s, const char* count_name, const char* max_name) {
  if (count < 1) throw InputError(fmt::format("{} must be at least 1", count_name));
  if (max < count) throw InputError(fmt::format("{} must be at least {}", max_name, count_name));
  require(finite_non_negative(min_duration_s), "min_duration_s must be a finite number >= 0");
  if (warmup.mode == WarmupMode::kUntilStable) {
    require(warmup.window >= 1, "warmup window must be at least 1");
    require(finite_non_negative(warmup.tolerance), "warmup tolerance must be finite and >= 0");
    require(finite_non_negative(warmup.max_seconds), "warmup max_seconds must be finite and >= 0");
  }
}

WarmupOutcome warm_up(const std::function<void()>& fn, const WarmupPolicy& policy, Clock& clock) {
  if (policy.mode == WarmupMode::kCount) return warm_up_count(fn, policy.runs);
  return warm_up_until_stable(fn, policy, clock);
}

std::size_t choose_batch(const std::function<void()>& fn, double estimate_ns, Clock& clock,
                         std::size_t& calls_made) {
  if (estimate_ns >= kBatchThresholdNs) return 1;
  std::size_t n = 1;
  while (n < kMaxBatch) {
    const double elapsed = static_cast<double>(time_batch(fn, n, clock));
    calls_made += n;
    if (elapsed >= kBatchTargetNs) return n;
    // Grow tenfold while far from the target, then aim 20 % past it (as the best harnesses do).
    const double grow = elapsed <= kBatchTargetNs / 10.0 ? 10.0 : 1.2 * kBatchTargetNs / elapsed;
    n = std::max(n + 1, static_cast<std::size_t>(std::ceil(static_cast<double>(n) * grow)));
  }
  return kMaxBatch;
}

}  // namespace detail

Measurement measure(const std::function<void()>& fn, const RunSettings& settings, Clock& clock) {
  validate(settings);
  Measurement m;
  m.timer = measure_timer_overhead(clock);
  m.warmup_policy = describe(settings.warmup);
  const detail::WarmupOutcome warmup = detail::warm_up(fn, settings.warmup, clock);
  m.warmup_runs = warmup.runs;
  m.warmup_settled = warmup.settled;
  m.calls_per_sample = settings.calls_per_sample;
  if (m.calls_per_sample == 0) m.calls_per_sample = auto_batch(fn, warmup, clock, m.warmup_runs);
  if (auto* steady = dynamic_cast<SteadyClock*>(&clock)) {
    sample_loop(fn, settings, m, *steady);
  } else {
    sample_loop(fn, settings, m, clock);
  }
  return m;
}

Measurement measure(const std::function<void()>& fn, const RunSettings& settings) {
  SteadyClock clock;
  return measure(fn, settings, clock);
}

}  // namespace tinyperf::measure
