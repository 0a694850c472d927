// Test settings of a load-generator run (LoadGen's TestSettings), their defaults and the rules
// that reject impossible ones. Times are in the unit their name says; every setting is recorded in
// the run's result so the run can be repeated.
#pragma once

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen {

enum class Scenario { kSingleStream, kMultiStream, kServer, kOffline };

// LoadGen's spelling: "SingleStream", "MultiStream", "Server", "Offline".
std::string_view scenario_name(Scenario scenario);
// Accepts the CLI spelling ("single-stream", "multi-stream", "server", "offline") and LoadGen's.
// Throws InputError naming the accepted values otherwise.
Scenario parse_scenario(std::string_view text);

// The seeds of MLPerf's mlperf.conf (LoadGen 6.0), used unless the caller picks others.
inline constexpr std::uint64_t kMlperfQslRngSeed = 2085463073848966840ULL;
inline constexpr std::uint64_t kMlperfSampleIndexRngSeed = 2747215439041700203ULL;
inline constexpr std::uint64_t kMlperfScheduleRngSeed = 16159082839903944936ULL;

// Latency bounds below 1 µs are refused: steady_clock reads cost ~24 ns
// with 10 ns steps here, and one issue plus one completion already take ~0.1 µs, so a smaller
// bound would measure the load generator rather than the SUT.
inline constexpr std::int64_t kMinLatencyBoundNs = 1'000;

// Most samples one run pre-generates (each costs ~40 bytes of preallocated trace, completion and
// issue buffers). Server settings needing more are refused; SingleStream, MultiStream and Offline
// traces are capped with a warning, and a run that exhausts its trace early is INVALID and says so.
inline constexpr std::uint64_t kMaxTraceSamples = std::uint64_t{1} << 24;

// MLPerf's minimum Offline sample count (inference rules; mlperf.conf for resnet50 and others).
inline constexpr std::uint64_t kMlperfOfflineMinSamples = 24'576;

struct LoadgenSettings {
  Scenario scenario = Scenario::kSingleStream;
  // Server: the Poisson arrival rate, queries/s (> 0, required). Offline: the expected throughput,
  // samples/s, used only to size the single query; 0 = measure it in an untimed calibration.
  double target_qps = 0;
  // Server: the bound the p99 (target_latency_percentile) sample latency must meet, ns. LoadGen's
  // default is 10 ms. Must be >= kMinLatencyBoundNs.
  std::int64_t target_latency_ns = 10'000'000;
  // The scenario's percentile as a fraction in (0, 1): SingleStream 0.90, the others 0.99.
  double target_latency_percentile = 0.90;
  // The run issues until both minimums are met; a run that stops before is INVALID.
  double min_duration_s = 10.0;  // seconds, >= 0 (MLPerf's official runs use 600)
  // >= 1. SingleStream 100 (LoadGen's default; early stopping needs 64), MultiStream 662 and
  // Server 459: the early-stopping minimums at p99 (docs/loadgen.md), below which a run can never
  // be VALID (LoadGen's Server default of 100 relies on 600 s runs to get there).
  std::uint64_t min_query_count = 100;
  // Offline only: minimum samples in the query (MLPerf: 24,576). Ignored elsewhere.
  std::uint64_t min_sample_count = 1;
  // Issuing stops early (and the run is then INVALID if a minimum is unmet) at either limit.
  double max_duration_s = 0.0;        // seconds; 0 = no limit; else >= min_duration_s
  std::uint64_t max_query_count = 0;  // 0 = no limit; else >= min_query_count
  // Samples per query: SingleStream and Server 1; MultiStream default 8 (contiguous samples of the
  // loaded set, at most its size); Offline 0 = max(min_sample_count, 1.1 × min_duration × expected
  // QPS) as LoadGen does, or an explicit count.
  std::uint64_t samples_per_query = 1;
  // Size of the loaded sample set; 0 = the library's performance_sample_count(). At most the
  // library's total_sample_count().
  std::uint64_t performance_sample_count = 0;
  // SingleStream / MultiStream: expected query latency, ns, used only to size the pre-generated
  // trace (LoadGen generates twice the min duration's worth). 0 = measure it in an untimed
  // calibration of up to 1,000 queries or 0.1 s before the run (which also warms the SUT up),
  // taking the shortest query cycle seen.
  std::int64_t expected_latency_ns = 0;
  // Seeds of the three std::mt19937 streams: which samples are loaded, which sample each query
  // takes, and the Server arrival times.
  std::uint64_t qsl_rng_seed = kMlperfQslRngSeed;
  std::uint64_t sample_index_rng_seed = kMlperfSampleIndexRngSeed;
  std::uint64_t schedule_rng_seed = kMlperfScheduleRngSeed;
  // SteadyClock's spin window for the Server issue thread, ns (see core/clock.h); >= 0.
  std::int64_t server_spin_window_ns = 100'000;
  // Set by apply_quick: minimums were lowered below tinyperf's defaults, so the result says it is
  // not comparable with MLPerf figures.
  bool quick = false;
};

// The defaults of `scenario`: LoadGen's TestSettings values except min_duration (tinyperf: 10 s,
// MLPerf's official runs: 600 s) and Server's min_query_count (459, see above). MultiStream: 8
// samples per query, min 662 queries, p99. Server and Offline: p99; Offline min_sample_count
// 24,576 and samples_per_query 0 (computed).
LoadgenSettings default_settings(Scenario scenario);

// --quick: min_duration 1 s and (Offline) min_sample_count 4,096; marks the settings quick.
void apply_quick(LoadgenSettings& settings);

// Derives the three seeds from one user seed (splitmix64 of seed + 1, + 2, + 3), so one --seed
// reproduces a run while the three streams stay distinct.
void apply_seed(LoadgenSettings& settings, std::uint64_t seed);

// Throws InputError, naming the setting (InputError::field() holds its name, e.g.
// "max_duration_s"), when a setting is out of range or the settings contradict each other (e.g.
// max below min). Does not look at the library.
void validate_settings(const LoadgenSettings& settings);

// validate_settings, plus the checks that need the library: at least one sample,
// performance_sample_count within its total, MultiStream samples_per_query within the loaded set.
void validate_settings(const LoadgenSettings& settings, const SampleLibrary& library);

// Every setting under LoadGen's names (min_duration_ms, target_latency_ns, qsl_rng_seed, ...).
nlohmann::json settings_to_json(const LoadgenSettings& settings);

}  // namespace tinyperf::loadgen
