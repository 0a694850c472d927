// What a load-generator run found, in LoadGen's terms: the raw latencies, the scenario metric, the
// VALID/INVALID verdict with every reason, and the effective settings. to_json and
// format_summary render it with LoadGen's field names (docs/loadgen.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/loadgen/settings.h"

namespace tinyperf::loadgen {

// The fixed percentiles LoadGen reports, as fractions (50.00 ... 99.90).
inline constexpr std::array<double, 6> kReportedPercentiles = {0.50, 0.90, 0.95, 0.97, 0.99, 0.999};

// Summary of one latency list, ns. Percentiles use LoadGen's rule sorted[floor(n·p)];
// mean is the integer mean (sum / n), as LoadGen computes it.
struct LatencySummary {
  std::int64_t min_ns = 0;
  std::int64_t max_ns = 0;
  std::int64_t mean_ns = 0;
  std::array<std::int64_t, kReportedPercentiles.size()> percentile_ns{};
  std::int64_t target_percentile_ns = 0;  // at settings.target_latency_percentile
};

// One early-stopping evaluation (docs/statistics.md). For SingleStream / MultiStream `estimate_ns`
// is sorted[n - t] for the largest passing t (empty when n < min_queries); for Server `passed`
// says whether n >= h(t) + t with t = overlatency_count.
struct EarlyStopping {
  double percentile = 0;
  bool passed = false;
  std::optional<std::int64_t> estimate_ns;
  std::int64_t min_queries = 0;        // h(1) + 1 (SS/MS) or h(t) + t (Server)
  std::int64_t overlatency_count = 0;  // t: SS/MS the discarded count + 1, Server over the bound
  std::string text;                    // LoadGen-style explanation, one sentence per line
};

struct LoadgenResult {
  LoadgenSettings settings;  // effective settings: calibrated and computed values filled in
  std::string sut_name;
  std::string qsl_name;
  std::uint64_t qsl_total_count = 0;
  std::uint64_t qsl_performance_count = 0;
  bool expected_latency_calibrated = false;  // SS/MS expected latency / Offline QPS was measured
  std::uint64_t generated_query_count = 0;   // length of the pre-generated trace
  // Why issuing stopped: "min duration and min query count met", "max duration reached",
  // "max query count reached", "ran out of generated queries", "all queries issued".
  std::string stop_reason;
  bool stopped_early = false;  // max limit or trace exhausted before the minimums

  // Raw data, ns. latencies_ns: per query in issue order (MultiStream: the slowest sample of the
  // query; Offline: per sample, since its one query holds them all). sample_latencies_ns: per
  // sample in issue order, kept for MultiStream only (elsewhere it equals latencies_ns).
  std::vector<std::int64_t> latencies_ns;
  std::vector<std::int64_t> sample_latencies_ns;
  std::uint64_t query_count = 0;   // queries issued
  std::uint64_t sample_count = 0;  // samples issued (= completed)
  // Times from the start of the run, ns.
  std::int64_t final_query_issued_ns = 0;
  std::int64_t final_query_scheduled_ns = 0;
  std::int64_t final_query_all_samples_done_ns = 0;  // completion of the last issued query
  std::int64_t max_completion_ns = 0;                // last completion of any sample
  // Server: how late the issue thread issued queries relative to their schedule, ns.
  std::int64_t issue_lateness_mean_ns = 0;
  std::int64_t issue_lateness_p99_ns = 0;
  std::int64_t issue_lateness_max_ns = 0;

  LatencySummary latency;         // over latencies_ns (MultiStream: query latencies)
  LatencySummary sample_latency;  // over per-sample latencies (MultiStream; else equal to latency)
  EarlyStopping early_stopping;   // at the scenario's percentile
  std::optional<EarlyStopping> early_stopping_p99;  // SingleStream's extra p99 estimate
  std::uint64_t overlatency_count = 0;              // Server: samples over target_latency_ns

  // Throughput figures (0 where a scenario does not define them).
  double qps_with_loadgen_overhead = 0;     // SS/MS: (n - 1) / final_query_issued
  double qps_without_loadgen_overhead = 0;  // SS/MS: 1 / mean latency
  double completed_samples_per_sec = 0;     // Server: (n - 1) / final_query_all_samples_done
  double scheduled_samples_per_sec = 0;     // Server: (n - 1) / final_query_scheduled
  double samples_per_second = 0;            // Offline: n / max_completion

  bool min_duration_met = false;
  bool min_queries_met = false;
  bool perf_constraints_met = true;  // Server: p99 <= bound; true elsewhere
  bool early_stopping_met = false;
  bool valid = false;
  std::vector<std::string> invalid_reasons;  // one sentence per unmet condition, empty when VALID
  std::vector<std::string> recommendations;  // LoadGen's advice for each unmet condition
  std::vector<std::string> warnings;         // e.g. --quick, a capped trace
  std::uint64_t num_errors = 0;              // SUT completions repeated or with unknown ids
  std::int64_t clock_resolution_ns = 0;      // measured steady_clock step (0 with a ManualClock)
};

// The scenario's headline metric: SS/MS the early-stopping estimate in ns (NaN when it does not
// exist), Server completed samples/s, Offline samples/s.
double scenario_metric(const LoadgenResult& result);

// The result under LoadGen's detail-log keys: scenario, result_validity ("VALID"/"INVALID"),
// result_invalid_reasons, result_min_duration_met, result_min_queries_met,
// result_perf_constraints_met, early_stopping_met, early_stopping_latency_ss (SS, p90 estimate),
// early_stopping_latency_ms (MS p99 estimate; SS's p99 estimate), result_mean_latency_ns,
// result_{min,max}_latency_ns, result_XX.XX_percentile_latency_ns, result_qps_with/without_
// loadgen_overhead, result_completed_samples_per_sec, result_scheduled_samples_per_sec,
// result_samples_per_second, settings, latencies_ns, and tinyperf's own fields (warnings,
// mlperf_comparable, stop reason, issue lateness). Absent estimates are null.
nlohmann::json to_json(const LoadgenResult& result);

// LoadGen's summary layout ("Result is : VALID", "Min duration satisfied : Yes", "Early Stopping
// Result:", "Additional Stats:", "Test Parameters Used:"), as multi-line text.
std::string format_summary(const LoadgenResult& result);

}  // namespace tinyperf::loadgen
