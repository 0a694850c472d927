#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "issue.h"
#include "recorder.h"
#include "results.h"
#include "tinyperf/core/check.h"
#include "tinyperf/loadgen/loadgen.h"
#include "trace.h"
#include "validity.h"

namespace tinyperf::loadgen {
namespace {

using detail::RunRecorder;
using detail::Trace;

constexpr std::uint64_t kCalibrationQueries = 1000;
constexpr std::int64_t kCalibrationNs = 100'000'000;     // 0.1 s
constexpr std::int64_t kThroughputQueryNs = 50'000'000;  // 50 ms
constexpr std::uint64_t kThroughputMaxSamples = std::uint64_t{1} << 16;

// Loads the run's sample set on construction and unloads it on destruction (also on error).
class LoadedSet {
 public:
  LoadedSet(SampleLibrary& library, std::vector<std::uint64_t> indices)
      : library_(library), indices_(std::move(indices)) {
    library_.load_samples(indices_);
  }
  ~LoadedSet() { library_.unload_samples(indices_); }
  LoadedSet(const LoadedSet&) = delete;
  LoadedSet& operator=(const LoadedSet&) = delete;
  std::span<const std::uint64_t> indices() const { return indices_; }

 private:
  SampleLibrary& library_;
  std::vector<std::uint64_t> indices_;
};

std::uint64_t loaded_count(const LoadgenSettings& s, const SampleLibrary& library) {
  if (s.performance_sample_count != 0) return s.performance_sample_count;
  return std::min(library.performance_sample_count(), library.total_sample_count());
}

// Untimed closed-loop queries (drawn from a stream separate from the trace's) until 1,000 queries
// or 0.1 s; returns the shortest time from one issue to the next, ns (at least 1). The shortest,
// not the median: a calibration slowed by a busy machine must not leave the trace too short.
std::int64_t calibrate_latency(SystemUnderTest& sut, std::span<const std::uint64_t> set,
                               const LoadgenSettings& s, Clock& clock) {
  LoadgenSettings c = s;
  c.sample_index_rng_seed ^= 0x5bd1e995ULL;
  c.expected_latency_ns = 1;
  c.min_duration_s = 0;
  c.min_query_count = kCalibrationQueries;
  c.max_query_count = kCalibrationQueries;
  const Trace trace = detail::make_trace(c, set);
  RunRecorder recorder(clock, trace.samples.size(), trace.samples_per_query);
  std::vector<std::int64_t> cycle;
  cycle.reserve(trace.query_count());
  const std::int64_t start = clock.now_ns();
  std::int64_t t = start;
  for (std::uint64_t q = 0; q < trace.query_count() && t - start < kCalibrationNs; ++q) {
    sut.issue_query(trace.query(q), recorder);
    recorder.wait_for_queries(q + 1);
    const std::int64_t next = clock.now_ns();
    cycle.push_back(next - t);
    t = next;
  }
  return std::max<std::int64_t>(*std::min_element(cycle.begin(), cycle.end()), 1);
}

double throughput_of(SystemUnderTest& sut, std::span<const std::uint64_t> set,
                     std::uint64_t samples, Clock& clock, std::int64_t& elapsed) {
  std::vector<QuerySample> query(samples);
  for (std::uint64_t i = 0; i < samples; ++i) query[i] = {i, set[i % set.size()]};
  RunRecorder recorder(clock, samples, samples);
  const std::int64_t start = clock.now_ns();
  sut.issue_query(query, recorder);
  sut.flush_queries();
  recorder.wait_for_queries(1);
  std::int64_t last = start;
  for (std::uint64_t i = 0; i < samples; ++i) last = std::max(last, recorder.done_ns(i));
  elapsed = std::max<std::int64_t>(last - start, 1);
  return static_cast<double>(samples) / (static_cast<double>(elapsed) * 1e-9);
}

double estimate_on_set(SystemUnderTest& sut, std::span<const std::uint64_t> set, Clock& clock) {
  std::int64_t elapsed = 0;
  double qps = 0;
  for (std::uint64_t n = 64; n <= kThroughputMaxSamples; n *= 2) {
    qps = throughput_of(sut, set, n, clock, elapsed);
    if (elapsed >= kThroughputQueryNs) break;
  }
  return qps;
}

// Fills the effective settings: loaded count and, when absent, the calibrated hints.
bool calibrate(SystemUnderTest& sut, std::span<const std::uint64_t> set, LoadgenSettings& s,
               Clock& clock) {
  const bool closed = s.scenario == Scenario::kSingleStream || s.scenario == Scenario::kMultiStream;
  if (closed && s.expected_latency_ns == 0) {
    s.expected_latency_ns = calibrate_latency(sut, set, s, clock);
    return true;
  }
  if (s.scenario == Scenario::kOffline && s.samples_per_query == 0 && s.target_qps == 0) {
    s.target_qps = estimate_on_set(sut, set, clock);
    return true;
  }
  return false;
}

}  // namespace

LoadgenResult run_scenario(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings, Clock& clock) {
  validate_settings(settings, library);
  LoadgenSettings s = settings;
  s.performance_sample_count = loaded_count(settings, library);
  const LoadedSet set(library, detail::make_loaded_set(library.total_sample_count(),
                                                       s.performance_sample_count, s.qsl_rng_seed));
  const bool calibrated = calibrate(sut, set.indices(), s, clock);
  const Trace trace = detail::make_trace(s, set.indices());
  RunRecorder recorder(clock, trace.samples.size(), trace.samples_per_query);
  const detail::IssueLog log = detail::issue_trace(sut, trace, s, recorder, clock);
  LoadgenResult r = detail::compute_result(s, trace, recorder, log);
  detail::judge(log, trace, r);
  r.sut_name = sut.name();
  r.qsl_name = library.name();
  r.qsl_total_count = library.total_sample_count();
  r.qsl_performance_count = library.performance_sample_count();
  r.expected_latency_calibrated = calibrated;
  return r;
}

LoadgenResult run_scenario(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings) {
  SteadyClock clock(settings.server_spin_window_ns);
  LoadgenResult r = run_scenario(sut, library, settings, clock);
  r.clock_resolution_ns = measure_steady_clock_resolution_ns();
  return r;
}

double estimate_throughput(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings, Clock& clock) {
  LoadgenSettings probe = settings;  // validated as the Offline calibration it is
  probe.scenario = Scenario::kOffline;
  probe.target_qps = 0;
  probe.samples_per_query = 0;
  validate_settings(probe, library);
  const LoadedSet set(
      library, detail::make_loaded_set(library.total_sample_count(),
                                       loaded_count(settings, library), settings.qsl_rng_seed));
  return estimate_on_set(sut, set.indices(), clock);
}

}  // namespace tinyperf::loadgen
