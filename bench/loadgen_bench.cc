// The load generator's own cost, measured with SUTs that do no work (MLPerf's "null SUT"
// perftests): SingleStream time per query, Server issue rate on one issue thread, and how late
// the Server issue thread lands on its schedule with and without the spin window.
//
// Reported times are the timed part of each run only (manual time): SingleStream from the first
// to the last issue, Server from the start to the last issue. Trace generation, calibration and
// result computation are outside it, as in LoadGen.
#include <benchmark/benchmark.h>

#include <span>

#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tl = tinyperf::loadgen;

namespace {

tl::IndexSampleLibrary& library() {
  static tl::IndexSampleLibrary qsl("bench", 1024, 1024);
  return qsl;
}

// SingleStream, null SUT: issue, complete on the issue thread, read the clock, issue the next.
// ns_per_query = (last issue - first issue) / (n - 1), the inverse of LoadGen's
// "QPS w/ loadgen overhead" (LoadGen: ~2.4 µs per query).
// Runs SingleStream with state.range(0) queries per iteration and sets ns_per_query (and
// queries_per_s when `with_rate`): the time from the first to the last issue over n - 1.
void single_stream_run(benchmark::State& state, tl::SystemUnderTest& sut, bool with_rate) {
  tl::LoadgenSettings s = tl::default_settings(tl::Scenario::kSingleStream);
  s.min_duration_s = 0;
  s.min_query_count = s.max_query_count = static_cast<std::uint64_t>(state.range(0));
  s.expected_latency_ns = tl::kMinLatencyBoundNs;
  double ns = 0, queries = 0;
  for (auto _ : state) {
    const tl::LoadgenResult r = tl::run_scenario(sut, library(), s);
    state.SetIterationTime(static_cast<double>(r.final_query_issued_ns) * 1e-9);
    ns += static_cast<double>(r.final_query_issued_ns);
    queries += static_cast<double>(r.query_count - 1);
  }
  state.counters["ns_per_query"] = ns / queries;
  if (with_rate) state.counters["queries_per_s"] = queries / (ns * 1e-9);
}

void BM_SingleStreamNullSut(benchmark::State& state) {
  tl::NullSut sut;
  single_stream_run(state, sut, true);
}
BENCHMARK(BM_SingleStreamNullSut)->Arg(1'000'000)->UseManualTime()->Unit(benchmark::kMillisecond);

// SingleStream through a worker thread: the completion comes from another thread, so each query
// pays a cross-thread hand-off (both directions) on top of the load generator's own cost.
void BM_SingleStreamWorkerThreadSut(benchmark::State& state) {
  tl::BatchingSut sut(
      "null-worker", [](std::span<const std::uint64_t>) {}, 1);
  single_stream_run(state, sut, false);
}
BENCHMARK(BM_SingleStreamWorkerThreadSut)
    ->Arg(100'000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// Server, null SUT, a target rate above what one thread can issue: the issue thread is always
// late and issues back to back; issued_per_s = n / time of the last issue (one issue thread).
void server_run(benchmark::State& state, tl::SystemUnderTest& sut, double qps, double seconds,
                std::int64_t spin_ns) {
  tl::LoadgenSettings s = tl::default_settings(tl::Scenario::kServer);
  s.target_qps = qps;
  s.min_duration_s = seconds;
  s.target_latency_ns = 1'000'000'000;
  s.server_spin_window_ns = spin_ns;
  double issued = 0, issue_ns = 0, late_mean = 0, late_p99 = 0, completed = 0, runs = 0;
  for (auto _ : state) {
    const tl::LoadgenResult r = tl::run_scenario(sut, library(), s);
    state.SetIterationTime(static_cast<double>(r.final_query_issued_ns) * 1e-9);
    issued += static_cast<double>(r.query_count);
    issue_ns += static_cast<double>(r.final_query_issued_ns);
    late_mean += static_cast<double>(r.issue_lateness_mean_ns);
    late_p99 += static_cast<double>(r.issue_lateness_p99_ns);
    completed += r.completed_samples_per_sec;
    runs += 1;
  }
  state.counters["issued_per_s"] = issued / (issue_ns * 1e-9);
  state.counters["completed_samples_per_s"] = completed / runs;
  state.counters["lateness_mean_ns"] = late_mean / runs;
  state.counters["lateness_p99_ns"] = late_p99 / runs;
}

// The max issue rate: 0.5 s at 20,000,000 target queries/s, the default spin window.
void max_issue_rate(benchmark::State& state, tl::SystemUnderTest& sut) {
  server_run(state, sut, static_cast<double>(state.range(0)), 0.5, 100'000);
}
void max_issue_rate_args(benchmark::internal::Benchmark* b) {
  b->Arg(20'000'000)->UseManualTime()->Unit(benchmark::kMillisecond);
}

void BM_ServerNullSutMaxIssueRate(benchmark::State& state) {
  tl::NullSut sut;
  max_issue_rate(state, sut);
}
BENCHMARK(BM_ServerNullSutMaxIssueRate)->Apply(max_issue_rate_args);

// Server with a worker-thread SUT (the shape of the engine adapter): the issue thread queues,
// the worker completes; the issue rate includes the queue's mutex and wake-ups.
void BM_ServerWorkerThreadSutMaxIssueRate(benchmark::State& state) {
  tl::BatchingSut sut(
      "null-worker", [](std::span<const std::uint64_t>) {}, 256);
  max_issue_rate(state, sut);
}
BENCHMARK(BM_ServerWorkerThreadSutMaxIssueRate)->Apply(max_issue_rate_args);

// Server lateness at rates a real SUT sees, with the spin window (args: QPS, spin ns).
// Spin 0 = sleep only; 100,000 = tinyperf's default.
void BM_ServerNullSutLateness(benchmark::State& state) {
  tl::NullSut sut;
  server_run(state, sut, static_cast<double>(state.range(0)), 1.0, state.range(1));
}
BENCHMARK(BM_ServerNullSutLateness)
    ->Args({1'000, 0})
    ->Args({1'000, 100'000})
    ->Args({10'000, 0})
    ->Args({10'000, 100'000})
    ->Args({100'000, 0})
    ->Args({100'000, 100'000})
    ->Iterations(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
