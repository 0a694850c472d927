// The pre-generated query trace of one run (private to the loadgen module). Everything random
// about a run is decided here, before the clock starts, from the settings' three seeds.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "tinyperf/loadgen/settings.h"
#include "tinyperf/loadgen/sut.h"

namespace tinyperf::loadgen::detail {

struct Trace {
  std::uint64_t samples_per_query = 1;
  // Every sample of every query, query after query; samples[i].id == i. Query q is
  // samples[q·spq, (q+1)·spq) (Offline: one query holding all of them).
  std::vector<QuerySample> samples;
  // Server: each query's arrival time, ns from the start (first at 0). Empty otherwise.
  std::vector<std::int64_t> scheduled_ns;
  bool capped = false;                 // shortened to kMaxTraceSamples (SS/MS/Offline)
  bool capped_by_max_queries = false;  // Server: max_query_count ended it before the minimums

  std::uint64_t query_count() const { return samples.size() / samples_per_query; }
  std::span<const QuerySample> query(std::uint64_t q) const {
    return std::span(samples).subspan(q * samples_per_query, samples_per_query);
  }
};

// LoadGen's loaded set: the indices 0 .. total - 1 shuffled with mt19937(qsl_rng_seed), first
// `count` of them.
std::vector<std::uint64_t> make_loaded_set(std::uint64_t total, std::uint64_t count,
                                           std::uint64_t qsl_rng_seed);

// How many SingleStream / MultiStream queries to generate: max(min_query_count,
// ceil(2 × min_duration / expected_latency)), then at most max_query_count and at most
// kMaxTraceSamples samples. `capped` tells whether the memory cap cut it.
std::uint64_t closed_loop_query_count(const LoadgenSettings& settings, bool& capped);

// How many samples the Offline query holds (settings.samples_per_query, or LoadGen's
// max(min_sample_count, 1.1 × min_duration × target_qps)), at most kMaxTraceSamples.
std::uint64_t offline_sample_count(const LoadgenSettings& settings, bool& capped);

// The whole trace for `settings` (already validated, with expected latency / QPS filled in).
// Throws InputError when a Server trace would exceed kMaxTraceSamples.
Trace make_trace(const LoadgenSettings& settings, std::span<const std::uint64_t> loaded_set);

}  // namespace tinyperf::loadgen::detail
