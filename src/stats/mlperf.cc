// MLPerf LoadGen's percentile and early-stopping rules (LoadGen early_stopping.cc and
// results.cc, as described in shared/reference/mlperf-loadgen.md §2), with Boost's regularized
// incomplete beta in place of LoadGen's own hypergeometric series.
#include "tinyperf/stats/mlperf.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <fmt/format.h>
#include <boost/math/special_functions/beta.hpp>

#include "sample_ops.h"
#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

constexpr std::int64_t kMaxQueries = std::int64_t{1} << 53;  // counts stay exact in a double

void require_rule_parameters(double p, double confidence) {
  detail::require_open_range(p, 0.0, 1.0, "early stopping: percentile p");
  detail::require_open_range(confidence, 0.0, 1.0, "early stopping: confidence");
}

// I_p(h, t + 1) < 1 - confidence: a system that only just misses the p-quantile would have t or
// fewer over-latency queries in h + t with probability below 1 - confidence.
bool h_passes(std::int64_t h, std::int64_t t, double p, double confidence) {
  return boost::math::ibeta(static_cast<double>(h), static_cast<double>(t + 1), p) <
         1.0 - confidence;
}

// h(t) for validated arguments: grow an upper bound from the expected count of under-latency
// queries before the (t+1)-th over-latency one, then bisect (I_p(h, t+1) falls as h grows).
std::int64_t min_passing_h(std::int64_t t, double p, double confidence) {
  const double expected = std::ceil(static_cast<double>(t + 1) * p / (1.0 - p));
  std::int64_t hi =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(std::min(expected, double(kMaxQueries))));
  while (!h_passes(hi, t, p, confidence)) {
    if (hi >= kMaxQueries) {
      throw InputError(fmt::format("early stopping at p = {} needs more than 2^53 queries", p));
    }
    hi *= 2;
  }
  std::int64_t lo = 0;  // h = 0 never passes: I_p(0, b) = 1
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (h_passes(mid, t, p, confidence) ? hi : lo) = mid;
  }
  return hi;
}

void require_sorted_sample(std::span<const double> sorted) {
  detail::require_finite(sorted, "latency sample");
  detail::require_sorted(sorted, "latency sample");
}

}  // namespace

double loadgen_percentile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw InputError("latency sample: the sample is empty");
  require_sorted_sample(sorted);
  detail::require_closed_range(p, 0.0, 1.0, "LoadGen percentile p");
  // The same double arithmetic and truncation as LoadGen: index = size_t(p * n), clamped.
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size()));
  return sorted[std::min(index, sorted.size() - 1)];
}

std::int64_t early_stopping_h(std::int64_t overlatency_count, double p, double confidence) {
  require_rule_parameters(p, confidence);
  if (overlatency_count < 0 || overlatency_count >= kMaxQueries) {
    throw InputError(fmt::format("early stopping: over-latency count must lie in [0, 2^53), got {}",
                                 overlatency_count));
  }
  return min_passing_h(overlatency_count, p, confidence);
}

std::int64_t early_stopping_min_queries(double p, double confidence) {
  return early_stopping_h(1, p, confidence) + 1;
}

std::optional<double> early_stopping_estimate_sorted(std::span<const double> sorted, double p,
                                                     double confidence) {
  require_sorted_sample(sorted);
  require_rule_parameters(p, confidence);
  const auto n = static_cast<std::int64_t>(sorted.size());
  const auto holds = [&](std::int64_t t) { return n >= min_passing_h(t, p, confidence) + t; };
  if (!holds(1)) return std::nullopt;
  // LoadGen walks t = 2, 3, ... to the first t that fails; h(t) + t grows strictly with t (h(t)
  // never falls when t grows, since I_p(h, t+1) rises with t), so bisection finds the same t.
  std::int64_t good = 1;
  std::int64_t bad = n;  // h(n) >= 1, so n < h(n) + n
  while (bad - good > 1) {
    const std::int64_t mid = good + (bad - good) / 2;
    (holds(mid) ? good : bad) = mid;
  }
  return sorted[static_cast<std::size_t>(n - good)];
}

bool early_stopping_server_passes(std::int64_t query_count, std::int64_t overlatency_count,
                                  double p, double confidence) {
  if (query_count < 0 || overlatency_count < 0 || overlatency_count > query_count) {
    throw InputError(
        fmt::format("early stopping: need 0 <= over-latency count ({}) <= query "
                    "count ({})",
                    overlatency_count, query_count));
  }
  return query_count >= early_stopping_h(overlatency_count, p, confidence) + overlatency_count;
}

}  // namespace tinyperf::stats
