// MLPerf LoadGen's percentile rule and early-stopping estimates (docs/statistics.md, "MLPerf
// percentiles and early stopping"), so tinyperf's scenario figures can sit beside MLPerf's.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace tinyperf::stats {

// LoadGen's percentile: sorted[floor(n * p)], clamped to n - 1, on an ascending sample.
// `p` is a fraction in [0, 1] (0.9 for p90), index = size_t(p * n) in double arithmetic as LoadGen
// computes it. InputError on an empty sample, a non-finite value, a sample that is not ascending
// (both checked in O(n)), or p outside [0, 1].
double loadgen_percentile_sorted(std::span<const double> sorted, double p);

// h(t): the smallest h with I_p(h, t + 1) < 1 - confidence (I = regularized incomplete beta),
// i.e. the number of under-the-percentile queries needed, with t over it, to be `confidence` sure
// the true p-quantile is met. Defaults follow LoadGen: confidence 0.99, tolerance 0.
// InputError for p or confidence outside (0, 1), or a count outside [0, 2^53) (or an h beyond it).
// Cost: O(log h) evaluations of boost::math::ibeta.
std::int64_t early_stopping_h(std::int64_t overlatency_count, double p, double confidence = 0.99);

// The fewest queries for which any early-stopping estimate exists: h(1) + 1. Known values:
// 64 at p = 0.90, 662 at 0.99, 6,636 at 0.999.
std::int64_t early_stopping_min_queries(double p, double confidence = 0.99);

// SingleStream / MultiStream estimate: sorted[n - t] for the largest t with n >= h(t) + t; empty
// when n < h(1) + 1 (an empty sample included). Example: 1,000 queries at p = 0.9 report the
// 78th-largest latency. Same InputErrors as loadgen_percentile_sorted (except for emptiness) and
// early_stopping_h. LoadGen tries t = 2, 3, ... in turn; h(t) + t grows strictly with t, so a
// bisection over t gives the same t in O(log n) h evaluations.
std::optional<double> early_stopping_estimate_sorted(std::span<const double> sorted, double p,
                                                     double confidence = 0.99);

// Server: passes when n >= h(t) + t with t = the count of queries over the latency bound.
// Known thresholds at p = 0.99: t = 0, 1, 10, 100 need n >= 459, 662, 2,010, 12,571.
// InputError unless 0 <= overlatency_count <= query_count, and as early_stopping_h.
bool early_stopping_server_passes(std::int64_t query_count, std::int64_t overlatency_count,
                                  double p, double confidence = 0.99);

}  // namespace tinyperf::stats
