// Turning a finished run into a LoadgenResult (private to the loadgen module): latencies from the
// recorded timestamps, LoadGen's statistics, early stopping and the validity verdict.
#pragma once

#include "issue.h"
#include "recorder.h"
#include "tinyperf/loadgen/result.h"
#include "trace.h"

namespace tinyperf::loadgen::detail {

// Fills every field of a LoadgenResult except the SUT / library names and counts, the
// calibration flag and the clock resolution, which the caller knows.
LoadgenResult compute_result(const LoadgenSettings& settings, const Trace& trace,
                             const RunRecorder& recorder, const IssueLog& log);

// LoadGen's summary of `latencies` (any order): min, max, integer mean, sorted[floor(n·p)].
// Empty input gives all zeros.
LatencySummary summarize_latencies(std::span<const std::int64_t> latencies,
                                   double target_percentile);

// Early stopping at `percentile` for SingleStream / MultiStream over query latencies.
EarlyStopping closed_loop_early_stopping(std::span<const std::int64_t> latencies,
                                         double percentile);

// Early stopping for Server: n samples, t of them over the bound, at `percentile`.
EarlyStopping server_early_stopping(std::uint64_t n, std::uint64_t overlatency, double percentile);

}  // namespace tinyperf::loadgen::detail
