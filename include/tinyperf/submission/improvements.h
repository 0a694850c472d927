// The improvements rule (docs/submission.md, "Improvements are recomputed"), once, for everything
// that computes or checks a submission's improvements: generate_submission, the validator's
// recomputation, the leaderboard's all_around score and the report. Built on stats' normalized
// metrics (include/tinyperf/stats/metrics.h).
#pragma once

#include <optional>
#include <string_view>

#include "tinyperf/stats/compare.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::submission {

// Denominator floors of the rule: a latency below 1e-6 ms, or a size below 1e-9 MiB, counts as
// that much (the course's generate_submission uses the same).
inline constexpr double kMinLatencyMs = 1e-6;
inline constexpr double kMinSizeMb = 1e-9;

// Which latency statistic a speedup compares.
enum class LatencyBasis { kMedian, kMean };
// The metric's name: "latency_ms_median" or "latency_ms_mean".
std::string_view to_string(LatencyBasis basis);

// kMedian when both sides have latency_ms_median, else kMean.
LatencyBasis speedup_basis(const Metrics& baseline, const Metrics& optimized);
// The side's latency_ms_median or latency_ms_mean (ms); empty when absent.
std::optional<double> latency_ms(const Metrics& metrics, LatencyBasis basis);

// The optimized side compared with the baseline:
//  - speedup = baseline latency / max(optimized latency, kMinLatencyMs), on speedup_basis;
//  - compression_ratio = stats::compression_ratio(baseline model_size_mb,
//    max(optimized model_size_mb, kMinSizeMb));
//  - accuracy_delta = stats::accuracy_delta(baseline accuracy, optimized accuracy);
//  - efficiency_score = stats::efficiency_score of the three, when all three are there and finite;
//  - with `compare`, and raw samples on both sides: speedup_ci95, p_value, welch_p_value, test
//    ("mann_whitney_u") and verdict from stats::compare(baseline samples, optimized samples,
//    *compare). compare->paired needs samples of equal size.
// Each figure is empty when a value it needs is absent. Values must lie in the ranges
// parse_submission enforces; throws InputError as the stats functions do otherwise.
Improvements improvements_of(const Side& baseline, const Side& optimized,
                             const std::optional<stats::CompareOptions>& compare = std::nullopt);

}  // namespace tinyperf::submission
