#include "trace.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <fmt/core.h>

#include "tinyperf/core/check.h"
#include "tinyperf/core/error.h"

namespace tinyperf::loadgen::detail {
namespace {

constexpr double kNsPerS = 1e9;

std::uint64_t ns_of(double seconds) {
  return static_cast<std::uint64_t>(std::llround(seconds * kNsPerS));
}

// Query q takes samples_per_query contiguous entries of the loaded set padded with its first
// samples_per_query - 1 entries, from a start drawn uniformly (LoadGen's MultiStream layout;
// with one sample per query this is a uniform draw with replacement).
void fill_closed_loop(Trace& trace, std::uint64_t queries, std::span<const std::uint64_t> set,
                      std::uint64_t seed) {
  const std::uint64_t spq = trace.samples_per_query;
  std::mt19937 gen(seed);
  std::uniform_int_distribution<std::uint64_t> start(0, set.size() - 1);
  trace.samples.resize(queries * spq);
  for (std::uint64_t q = 0; q < queries; ++q) {
    const std::uint64_t first = start(gen);
    for (std::uint64_t k = 0; k < spq; ++k) {
      const std::uint64_t id = q * spq + k;
      trace.samples[id] = {id, set[(first + k) % set.size()]};
    }
  }
}

// Poisson arrivals: exponential gaps at rate target_qps, first query at 0, generated until the
// last arrival reaches min_duration and min_query_count queries exist (LoadGen's rule), at most
// max_query_count.
void fill_server(Trace& trace, const LoadgenSettings& s, std::span<const std::uint64_t> set) {
  std::mt19937 schedule_gen(s.schedule_rng_seed);
  std::mt19937 index_gen(s.sample_index_rng_seed);
  std::exponential_distribution<double> gap(s.target_qps);
  std::uniform_int_distribution<std::uint64_t> pick(0, set.size() - 1);
  const auto min_duration = static_cast<std::int64_t>(ns_of(s.min_duration_s));
  const double expected = s.target_qps * s.min_duration_s * 1.05 + 16;
  trace.samples.reserve(std::max<std::uint64_t>(
      s.min_query_count, static_cast<std::uint64_t>(std::min(expected, double(kMaxTraceSamples)))));
  trace.scheduled_ns.reserve(trace.samples.capacity());
  double t = 0;
  std::int64_t last = 0;
  while (last < min_duration || trace.scheduled_ns.size() < s.min_query_count) {
    if (s.max_query_count != 0 && trace.scheduled_ns.size() >= s.max_query_count) {
      trace.capped_by_max_queries = true;
      break;
    }
    if (trace.scheduled_ns.size() >= kMaxTraceSamples) {
      throw InputError(
          fmt::format("Server trace needs more than {} queries: lower target_qps ({}) or "
                      "min_duration_s ({})",
                      kMaxTraceSamples, s.target_qps, s.min_duration_s),
          "target_qps");
    }
    last = static_cast<std::int64_t>(std::llround(t * kNsPerS));
    const std::uint64_t id = trace.samples.size();
    trace.samples.push_back({id, set[pick(index_gen)]});
    trace.scheduled_ns.push_back(last);
    t += gap(schedule_gen);
  }
}

}  // namespace

std::vector<std::uint64_t> make_loaded_set(std::uint64_t total, std::uint64_t count,
                                           std::uint64_t qsl_rng_seed) {
  TP_CHECK(count >= 1 && count <= total);
  std::vector<std::uint64_t> all(total);
  std::iota(all.begin(), all.end(), std::uint64_t{0});
  std::mt19937 gen(qsl_rng_seed);
  std::shuffle(all.begin(), all.end(), gen);
  all.resize(count);
  return all;
}

std::uint64_t closed_loop_query_count(const LoadgenSettings& s, bool& capped) {
  TP_CHECK(s.expected_latency_ns > 0);
  const double wanted =
      std::ceil(2.0 * s.min_duration_s * kNsPerS / static_cast<double>(s.expected_latency_ns));
  std::uint64_t n = std::max<std::uint64_t>(s.min_query_count,
                                            static_cast<std::uint64_t>(std::min(wanted, 1e18)));
  if (s.max_query_count != 0) n = std::min(n, s.max_query_count);
  const std::uint64_t limit = kMaxTraceSamples / s.samples_per_query;
  capped = n > limit;
  return std::min(n, limit);
}

std::uint64_t offline_sample_count(const LoadgenSettings& s, bool& capped) {
  std::uint64_t n = s.samples_per_query;
  if (n == 0) {
    TP_CHECK(s.target_qps > 0);
    const double wanted = std::ceil(1.1 * s.min_duration_s * s.target_qps);
    n = std::max<std::uint64_t>(s.min_sample_count,
                                static_cast<std::uint64_t>(std::min(wanted, 1e18)));
  }
  capped = n > kMaxTraceSamples;
  return std::min(n, kMaxTraceSamples);
}

Trace make_trace(const LoadgenSettings& s, std::span<const std::uint64_t> set) {
  TP_CHECK(!set.empty());
  Trace trace;
  switch (s.scenario) {
    case Scenario::kSingleStream:
    case Scenario::kMultiStream: {
      trace.samples_per_query = s.samples_per_query;
      const std::uint64_t queries = closed_loop_query_count(s, trace.capped);
      fill_closed_loop(trace, queries, set, s.sample_index_rng_seed);
      break;
    }
    case Scenario::kServer:
      trace.samples_per_query = 1;
      fill_server(trace, s, set);
      break;
    case Scenario::kOffline: {
      const std::uint64_t n = offline_sample_count(s, trace.capped);
      trace.samples_per_query = n;
      trace.samples.resize(n);
      for (std::uint64_t i = 0; i < n; ++i) trace.samples[i] = {i, set[i % set.size()]};
      break;
    }
  }
  return trace;
}

}  // namespace tinyperf::loadgen::detail
