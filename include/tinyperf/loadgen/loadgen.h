// Running the four MLPerf scenarios (docs/loadgen.md) against any SystemUnderTest, and the Server
// peak search. Each run: validate the settings, load the sample set, (SS/MS/Offline without a hint)
// calibrate untimed, pre-generate the whole query trace from seeded std::mt19937 streams, then
// start the clock, issue, wait for every completion, unload, and compute the result.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/core/clock.h"
#include "tinyperf/loadgen/result.h"
#include "tinyperf/loadgen/settings.h"
#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen {

// Runs `settings.scenario` on `sut` with samples from `library`, timed by a SteadyClock (with the
// settings' spin window). Blocks until every issued sample has been completed; a SUT that never
// completes a sample blocks it forever (as LoadGen). Throws InputError for invalid settings
// (validate_settings). An unmet minimum is not an error: the result is INVALID with the reason.
LoadgenResult run_scenario(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings);

// As above with a caller-provided clock (e.g. a ManualClock driven by a simulated SUT). The clock
// must outlive the call. clock_resolution_ns is reported only for SteadyClock.
LoadgenResult run_scenario(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings, Clock& clock);

// Untimed estimate of the SUT's throughput, samples/s: Offline queries of 64, 128, ... samples
// until one lasts >= 50 ms (at most 2^16 samples). Used by Offline sizing and the peak search.
// Only the settings' library-related fields and seeds matter (checked as for an Offline run).
double estimate_throughput(SystemUnderTest& sut, SampleLibrary& library,
                           const LoadgenSettings& settings, Clock& clock);

struct FindPeakOptions {
  // First target QPS. 0 = a quarter of estimate_throughput (most SUTs meet the bound there).
  double start_qps = 0;
  // The search stops when upper <= lower × (1 + tolerance); > 0.
  double tolerance = 0.05;
  // Lowest QPS tried before giving up (no VALID rate found); 0 = start / 256 (at most eight
  // halvings: at low rates each run lasts min_query_count / QPS seconds). >= 0.
  double min_qps = 0;
  // At most this many Server runs in the whole search; >= 2.
  int max_runs = 40;
  // Called after each run (e.g. to print progress); may be empty.
  std::function<void(const LoadgenResult&)> on_run;
};

// One Server run of the search.
struct FindPeakStep {
  double target_qps = 0;
  bool valid = false;
  std::int64_t p99_ns = 0;
  double completed_samples_per_sec = 0;
  std::vector<std::string> invalid_reasons;
};

struct FindPeakResult {
  // The VALID run at the highest target QPS; empty when no rate down to min_qps was VALID or the
  // run budget ran out before one was.
  std::optional<LoadgenResult> peak;
  double lower_qps = 0;  // highest VALID target tried (0 if none)
  double upper_qps = 0;  // lowest INVALID target above it (0 if none was found within max_runs)
  bool converged = false;
  std::vector<FindPeakStep> steps;  // in the order run
};

// Server peak search (docs/loadgen.md): from start_qps, doubles while runs are VALID (halves
// while INVALID) to bracket the peak, then bisects [lower VALID, upper INVALID] until within the
// tolerance. Unlike LoadGen's FindPeakPerformance mode, a step counts as passing only when the
// whole run is VALID (latency bound, early stopping, minimums). Every run reuses the settings'
// seeds, so runs differ only in their rate (the same arrival pattern, rescaled). `settings` must
// be a Server configuration; its target_qps is ignored (0 is fine): each step sets its own.
// Throws InputError for invalid settings or options.
FindPeakResult find_peak(SystemUnderTest& sut, SampleLibrary& library,
                         const LoadgenSettings& settings, const FindPeakOptions& options = {});
FindPeakResult find_peak(SystemUnderTest& sut, SampleLibrary& library,
                         const LoadgenSettings& settings, const FindPeakOptions& options,
                         Clock& clock);

// {"find_peak": {peak_qps, peak_p99_latency_ns, lower_qps, upper_qps, converged, steps: [...]},
//  plus the peak run's to_json keys at the top level (or result_validity "INVALID" when none)}.
nlohmann::json to_json(const FindPeakResult& result);
std::string format_summary(const FindPeakResult& result);

}  // namespace tinyperf::loadgen
