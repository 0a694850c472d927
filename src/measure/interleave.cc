#include "tinyperf/measure/interleave.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "tinyperf/core/error.h"
#include "tinyperf/core/random.h"

namespace tinyperf::measure {
namespace {

using Variants = std::span<const std::function<void()>>;

// Runs `calls` calls of `fn` and returns the per-call time since `previous`, which it advances to
// the end of the block (chained timing: one clock read per block). Templates over the clock so
// that the SteadyClock path reads it inline.
template <class C>
double run_block(const std::function<void()>& fn, std::size_t calls, C& clock,
                 std::int64_t& previous) {
  if (calls == 1) {
    fn();
  } else {
    for (std::size_t i = 0; i < calls; ++i) fn();
  }
  const std::int64_t now = clock.now_ns();
  const double per_call = static_cast<double>(now - previous) / static_cast<double>(calls);
  previous = now;
  return per_call;
}

// Appends a sample; when the vector is full it grows it and restarts the chain, so the copy is
// not timed as part of the next block.
template <class C>
void append(std::vector<double>& samples, double value, C& clock, std::int64_t& previous) {
  samples.push_back(value);
  if (samples.size() == samples.capacity()) {
    samples.reserve(2 * samples.capacity());
    previous = clock.now_ns();
  }
}

// Warms every variant in turn; returns each one's per-call estimate (0 when none was timed).
std::vector<double> warm_all(Variants variants, const InterleaveSettings& s,
                             InterleavedMeasurement& m, Clock& clock) {
  std::vector<double> estimates;
  for (const auto& fn : variants) {
    const detail::WarmupOutcome w = detail::warm_up(fn, s.warmup, clock);
    m.warmup_runs.push_back(w.runs);
    m.warmup_settled.push_back(w.settled);
    estimates.push_back(w.last_median_ns);
  }
  return estimates;
}

std::size_t shared_batch(Variants variants, std::vector<double> estimates,
                         InterleavedMeasurement& m, Clock& clock) {
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (estimates[v] > 0.0) continue;
    std::int64_t start = clock.now_ns();
    estimates[v] = run_block(variants[v], 1, clock, start);
    ++m.warmup_runs[v];
  }
  const auto shortest = static_cast<std::size_t>(
      std::min_element(estimates.begin(), estimates.end()) - estimates.begin());
  return detail::choose_batch(variants[shortest], estimates[shortest], clock,
                              m.warmup_runs[shortest]);
}

// A clock read after each round's shuffle starts the round's chain, so the shuffle is not timed.
template <class C>
void run_interleaved(Variants variants, const InterleaveSettings& s, InterleavedMeasurement& m,
                     C& clock) {
  SeededRng rng(s.seed);
  std::vector<std::size_t> order(variants.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const double min_ns = s.min_duration_s * 1e9;
  std::int64_t first = 0, previous = 0;
  for (std::size_t r = 1;; ++r) {
    rng.shuffle(order);
    ++m.first_in_round[order.front()];
    previous = clock.now_ns();
    if (r == 1) first = previous;
    for (const std::size_t v : order) {
      if (m.warm_calls_per_round > 0) {
        for (std::size_t i = 0; i < m.warm_calls_per_round; ++i) variants[v]();
        previous = clock.now_ns();
      }
      const double sample = run_block(variants[v], m.calls_per_round, clock, previous);
      append(m.samples_ns[v], sample, clock, previous);
    }
    const bool enough = r >= s.rounds && static_cast<double>(previous - first) >= min_ns;
    if (enough || r >= s.max_rounds) {
      m.rounds = r;
      m.measured_seconds = static_cast<double>(previous - first) * 1e-9;
      return;
    }
  }
}

template <class C>
void run_sequential(Variants variants, const InterleaveSettings& s, InterleavedMeasurement& m,
                    C& clock) {
  const std::int64_t first = clock.now_ns();
  std::int64_t previous = first;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t r = 0; r < s.rounds; ++r) {
      const double sample = run_block(variants[v], m.calls_per_round, clock, previous);
      append(m.samples_ns[v], sample, clock, previous);
    }
  }
  m.rounds = s.rounds;
  m.measured_seconds = static_cast<double>(previous - first) * 1e-9;
}

template <class C>
void run_rounds(Variants variants, const InterleaveSettings& s, InterleavedMeasurement& m,
                C& clock) {
  if (s.order == RunOrder::kInterleaved) {
    run_interleaved(variants, s, m, clock);
  } else {
    run_sequential(variants, s, m, clock);
  }
}

}  // namespace

const char* to_string(RunOrder order) {
  return order == RunOrder::kInterleaved ? "interleaved" : "sequential";
}

void validate(const InterleaveSettings& s) {
  detail::validate_loop(s.warmup, s.rounds, s.max_rounds, s.min_duration_s, "rounds", "max_rounds");
}

InterleavedMeasurement measure_interleaved(Variants variants, const InterleaveSettings& s,
                                           Clock& clock) {
  if (variants.empty()) throw InputError("measure_interleaved needs at least one variant");
  validate(s);
  InterleavedMeasurement m;
  m.order = s.order;
  m.seed = s.seed;
  m.warmup_policy = describe(s.warmup);
  m.samples_ns.resize(variants.size());
  m.first_in_round.assign(variants.size(), 0);
  m.timer = measure_timer_overhead(clock);
  const std::vector<double> estimates = warm_all(variants, s, m, clock);
  m.warm_calls_per_round = s.order == RunOrder::kInterleaved ? s.warm_calls_per_round : 0;
  m.calls_per_round = s.calls_per_round;
  if (m.calls_per_round == 0) m.calls_per_round = shared_batch(variants, estimates, m, clock);
  for (auto& samples : m.samples_ns) samples.reserve(s.rounds);
  if (auto* steady = dynamic_cast<SteadyClock*>(&clock)) {
    run_rounds(variants, s, m, *steady);
  } else {
    run_rounds(variants, s, m, clock);
  }
  return m;
}

InterleavedMeasurement measure_interleaved(Variants variants, const InterleaveSettings& s) {
  SteadyClock clock;
  return measure_interleaved(variants, s, clock);
}

std::vector<std::size_t> run_schedule(std::size_t variants, std::size_t runs, std::uint64_t seed) {
  if (variants == 0 || runs == 0) {
    throw InputError("run_schedule needs at least one variant and one run");
  }
  SeededRng rng(seed);
  std::vector<std::size_t> order;
  order.reserve(variants * runs);
  std::vector<std::size_t> round(variants);
  for (std::size_t r = 0; r < runs; ++r) {
    std::iota(round.begin(), round.end(), std::size_t{0});
    rng.shuffle(round);
    order.insert(order.end(), round.begin(), round.end());
  }
  return order;
}

}  // namespace tinyperf::measure
