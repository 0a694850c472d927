// The harness's own cost on a function that does nothing, beside Google Benchmark's loop on the
// same function (docs/benchmarks.md, "Harness overhead"). Run:
//   build/release/bench/measure_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
// ns_per_iteration: wall time per measured call (the harness's per-iteration overhead);
// reported_ns: the median per-call time the harness reports for the empty function (its bias).
#include <benchmark/benchmark.h>

#include <functional>
#include <vector>

#include "tinyperf/core/clock.h"
#include "tinyperf/measure/clock.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/runner.h"
#include "tinyperf/stats/summary.h"

namespace {

using namespace tinyperf::measure;

// The function measured everywhere below: a call and a return, behind a std::function so that no
// loop can see through it (tinyperf's harness calls every callable this way).
[[gnu::noinline]] void empty_function() { clobber_memory(); }
const std::function<void()> kEmpty = empty_function;

RunSettings no_warmup(std::size_t runs, std::size_t calls_per_sample) {
  RunSettings s;
  s.warmup = {.mode = WarmupMode::kCount, .runs = 0};
  s.measurement_runs = runs;
  s.max_runs = runs;
  s.calls_per_sample = calls_per_sample;
  return s;
}

// Seconds per unit of `per_iteration` work, shown by the console reporter as e.g. "24.1n".
benchmark::Counter per_unit(double per_iteration) {
  return benchmark::Counter(
      per_iteration, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Google Benchmark's own loop around the same call.
void BM_GoogleBenchmarkLoop_Empty(benchmark::State& state) {
  for (auto _ : state) kEmpty();
}
BENCHMARK(BM_GoogleBenchmarkLoop_Empty);

// One clock read, for scale.
void BM_SteadyClockRead(benchmark::State& state) {
  tinyperf::SteadyClock clock;
  for (auto _ : state) benchmark::DoNotOptimize(clock.now_ns());
}
BENCHMARK(BM_SteadyClockRead);

// tinyperf's loop timing every call on its own (calls_per_sample = 1): one clock read per call.
void BM_Tinyperf_PerCall_Empty(benchmark::State& state) {
  const auto runs = static_cast<std::size_t>(state.range(0));
  double reported = 0.0;
  for (auto _ : state) {
    const Measurement m = measure(kEmpty, no_warmup(runs, 1));
    reported = tinyperf::stats::median(m.samples_ns);
  }
  state.counters["ns_per_iteration"] = per_unit(static_cast<double>(runs));
  state.counters["reported_ns"] = reported;
}
BENCHMARK(BM_Tinyperf_PerCall_Empty)->Arg(100'000)->Unit(benchmark::kMillisecond);

// tinyperf's loop with automatic batching: calls shorter than 1 us are timed in batches.
void BM_Tinyperf_AutoBatch_Empty(benchmark::State& state) {
  const auto runs = static_cast<std::size_t>(state.range(0));
  double reported = 0.0, calls = 0.0, batch = 0.0;
  for (auto _ : state) {
    const Measurement m = measure(kEmpty, no_warmup(runs, 0));
    reported = tinyperf::stats::median(m.samples_ns);
    batch = static_cast<double>(m.calls_per_sample);
    calls = static_cast<double>(m.warmup_runs + m.samples_ns.size() * m.calls_per_sample);
  }
  state.counters["ns_per_iteration"] = per_unit(calls);
  state.counters["reported_ns"] = reported;
  state.counters["calls_per_sample"] = batch;
}
BENCHMARK(BM_Tinyperf_AutoBatch_Empty)->Arg(100)->Unit(benchmark::kMillisecond);

// Two empty variants in shuffled interleaved rounds, one call each per round.
void BM_Tinyperf_Interleaved2_Empty(benchmark::State& state) {
  const auto rounds = static_cast<std::size_t>(state.range(0));
  const std::vector<std::function<void()>> variants = {kEmpty, kEmpty};
  InterleaveSettings s;
  s.warmup = {.mode = WarmupMode::kCount, .runs = 0};
  s.rounds = rounds;
  s.max_rounds = rounds;
  s.calls_per_round = 1;
  s.warm_calls_per_round = 0;  // the timing loop alone; a warm call costs one call + one read
  double reported = 0.0;
  for (auto _ : state) {
    const InterleavedMeasurement m = measure_interleaved(variants, s);
    reported = tinyperf::stats::median(m.samples_ns[0]);
  }
  state.counters["ns_per_iteration"] = per_unit(2.0 * static_cast<double>(rounds));
  state.counters["reported_ns"] = reported;
}
BENCHMARK(BM_Tinyperf_Interleaved2_Empty)->Arg(50'000)->Unit(benchmark::kMillisecond);

}  // namespace
