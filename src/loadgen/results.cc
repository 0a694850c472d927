#include "results.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/check.h"
#include "tinyperf/stats/mlperf.h"

namespace tinyperf::loadgen::detail {
namespace {

std::vector<double> sorted_as_double(std::span<const std::int64_t> values) {
  std::vector<double> out(values.begin(), values.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::int64_t at_percentile(std::span<const double> sorted, double p) {
  return static_cast<std::int64_t>(stats::loadgen_percentile_sorted(sorted, p));
}

double seconds(std::int64_t ns) { return static_cast<double>(ns) * 1e-9; }

// The scheduled time of every query, on the run's clock.
std::vector<std::int64_t> scheduled_times(const LoadgenSettings& s, const Trace& trace,
                                          const IssueLog& log) {
  std::vector<std::int64_t> out(log.queries_issued);
  for (std::uint64_t q = 0; q < out.size(); ++q) {
    switch (s.scenario) {
      case Scenario::kServer:
        out[q] = log.start_ns + trace.scheduled_ns[q];
        break;
      case Scenario::kOffline:
        out[q] = log.start_ns;
        break;
      default:
        out[q] = log.issue_ns[q];
        break;
    }
  }
  return out;
}

// Per-sample latencies (completion - the query's scheduled time) and per-query latencies (the
// query's slowest sample), in issue order. Also the last completion of all and of the last query.
void collect_latencies(const Trace& trace, const RunRecorder& rec,
                       std::span<const std::int64_t> scheduled, LoadgenResult& r) {
  const std::uint64_t spq = trace.samples_per_query;
  std::vector<std::int64_t> samples(scheduled.size() * spq);
  std::vector<std::int64_t> queries(scheduled.size());
  std::int64_t last_done = INT64_MIN;
  std::int64_t query_done = INT64_MIN;
  for (std::uint64_t q = 0; q < scheduled.size(); ++q) {
    query_done = INT64_MIN;
    for (std::uint64_t k = 0; k < spq; ++k) {
      const std::int64_t done = rec.done_ns(q * spq + k);
      TP_CHECK(done != RunRecorder::kNotDone);
      samples[q * spq + k] = done - scheduled[q];
      query_done = std::max(query_done, done);
    }
    queries[q] = query_done - scheduled[q];
    last_done = std::max(last_done, query_done);
  }
  r.max_completion_ns = last_done;
  r.final_query_all_samples_done_ns = query_done;
  r.sample_latencies_ns = std::move(samples);
  r.latencies_ns = std::move(queries);
}

void summarize_issue_lateness(const IssueLog& log, std::span<const std::int64_t> scheduled,
                              LoadgenResult& r) {
  std::vector<std::int64_t> late(scheduled.size());
  for (std::size_t q = 0; q < late.size(); ++q) late[q] = log.issue_ns[q] - scheduled[q];
  const LatencySummary s = summarize_latencies(late, 0.99);
  r.issue_lateness_mean_ns = s.mean_ns;
  r.issue_lateness_p99_ns = s.target_percentile_ns;
  r.issue_lateness_max_ns = s.max_ns;
}

// Times, latencies and counts of the run, relative to its start.
void fill_measurements(const LoadgenSettings& s, const Trace& trace, const RunRecorder& rec,
                       const IssueLog& log, LoadgenResult& r) {
  const std::vector<std::int64_t> scheduled = scheduled_times(s, trace, log);
  collect_latencies(trace, rec, scheduled, r);
  const std::uint64_t last = log.queries_issued - 1;
  r.query_count = log.queries_issued;
  r.sample_count = log.queries_issued * trace.samples_per_query;
  r.final_query_issued_ns = log.issue_ns[last] - log.start_ns;
  r.final_query_scheduled_ns = scheduled[last] - log.start_ns;
  r.final_query_all_samples_done_ns -= log.start_ns;
  r.max_completion_ns -= log.start_ns;
  if (s.scenario == Scenario::kServer) summarize_issue_lateness(log, scheduled, r);
  if (s.scenario == Scenario::kOffline) r.latencies_ns = r.sample_latencies_ns;
  r.latency = summarize_latencies(r.latencies_ns, s.target_latency_percentile);
  r.sample_latency = summarize_latencies(r.sample_latencies_ns, s.target_latency_percentile);
  if (s.scenario != Scenario::kMultiStream) r.sample_latencies_ns.clear();
}

void fill_throughput(const LoadgenSettings& s, LoadgenResult& r) {
  const double intervals = static_cast<double>(r.sample_count) - 1.0;
  auto rate = [](double count, std::int64_t ns) { return ns > 0 ? count / seconds(ns) : 0.0; };
  switch (s.scenario) {
    case Scenario::kSingleStream:
    case Scenario::kMultiStream:
      r.qps_with_loadgen_overhead =
          rate(static_cast<double>(r.query_count) - 1.0, r.final_query_issued_ns);
      r.qps_without_loadgen_overhead = rate(1.0, r.latency.mean_ns);
      break;
    case Scenario::kServer:
      r.completed_samples_per_sec = rate(intervals, r.final_query_all_samples_done_ns);
      r.scheduled_samples_per_sec = rate(intervals, r.final_query_scheduled_ns);
      break;
    case Scenario::kOffline:
      r.samples_per_second = rate(static_cast<double>(r.sample_count), r.max_completion_ns);
      break;
  }
}

void fill_early_stopping(const LoadgenSettings& s, LoadgenResult& r) {
  const double p = s.target_latency_percentile;
  switch (s.scenario) {
    case Scenario::kSingleStream:
      r.early_stopping = closed_loop_early_stopping(r.latencies_ns, p);
      r.early_stopping_p99 = closed_loop_early_stopping(r.latencies_ns, 0.99);
      break;
    case Scenario::kMultiStream:
      r.early_stopping = closed_loop_early_stopping(r.latencies_ns, p);
      break;
    case Scenario::kServer:
      r.overlatency_count = static_cast<std::uint64_t>(
          std::count_if(r.latencies_ns.begin(), r.latencies_ns.end(),
                        [&](std::int64_t l) { return l > s.target_latency_ns; }));
      r.early_stopping = server_early_stopping(r.sample_count, r.overlatency_count, p);
      break;
    case Scenario::kOffline:
      r.early_stopping.percentile = p;
      r.early_stopping.passed = true;
      r.early_stopping.text = "Not applicable to Offline.";
      break;
  }
  r.early_stopping_met = r.early_stopping.passed;
}

}  // namespace

LatencySummary summarize_latencies(std::span<const std::int64_t> latencies,
                                   double target_percentile) {
  LatencySummary out;
  if (latencies.empty()) return out;
  const std::vector<double> sorted = sorted_as_double(latencies);
  out.min_ns = static_cast<std::int64_t>(sorted.front());
  out.max_ns = static_cast<std::int64_t>(sorted.back());
  const std::int64_t sum = std::accumulate(latencies.begin(), latencies.end(), std::int64_t{0});
  out.mean_ns = sum / static_cast<std::int64_t>(latencies.size());
  for (std::size_t i = 0; i < kReportedPercentiles.size(); ++i) {
    out.percentile_ns[i] = at_percentile(sorted, kReportedPercentiles[i]);
  }
  out.target_percentile_ns = at_percentile(sorted, target_percentile);
  return out;
}

EarlyStopping closed_loop_early_stopping(std::span<const std::int64_t> latencies, double p) {
  EarlyStopping es;
  es.percentile = p;
  const auto n = static_cast<std::int64_t>(latencies.size());
  es.min_queries = stats::early_stopping_min_queries(p);
  const std::vector<double> sorted = sorted_as_double(latencies);
  const std::optional<double> estimate =
      sorted.empty() ? std::nullopt : stats::early_stopping_estimate_sorted(sorted, p);
  if (!estimate) {
    es.text = fmt::format(
        "Only processed {} queries.\nNeed to process at least {} queries for "
        "early stopping.",
        n, es.min_queries);
    return es;
  }
  // The largest t with n >= h(t) + t; h(t) + t grows with t, so bisect on t.
  std::int64_t lo = 1, hi = n;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo + 1) / 2;
    if (stats::early_stopping_h(mid, p) + mid <= n)
      lo = mid;
    else
      hi = mid - 1;
  }
  TP_CHECK(sorted[static_cast<std::size_t>(n - lo)] == *estimate);
  es.passed = true;
  es.overlatency_count = lo;
  es.estimate_ns = static_cast<std::int64_t>(*estimate);
  es.text = fmt::format(
      "Processed at least {} queries ({}).\nWould discard {} highest latency "
      "queries.\nEarly stopping {:.1f}th percentile estimate: {}",
      es.min_queries, n, lo - 1, p * 100, *es.estimate_ns);
  return es;
}

EarlyStopping server_early_stopping(std::uint64_t n, std::uint64_t overlatency, double p) {
  EarlyStopping es;
  es.percentile = p;
  const auto t = static_cast<std::int64_t>(overlatency);
  es.overlatency_count = t;
  es.min_queries = stats::early_stopping_h(t, p) + t;
  es.passed = stats::early_stopping_server_passes(static_cast<std::int64_t>(n), t, p);
  if (es.passed) {
    es.text = fmt::format(
        "Processed {} queries with {} over the latency bound; at least {} were "
        "needed.",
        n, t, es.min_queries);
  } else {
    es.text = fmt::format(
        "Run unsuccessful.\nProcessed {} queries, {} over the latency bound.\n"
        "Would need to run at least {} more queries,\nwith the run being "
        "successful if every additional query were under latency.",
        n, t, es.min_queries - static_cast<std::int64_t>(n));
  }
  return es;
}

LoadgenResult compute_result(const LoadgenSettings& s, const Trace& trace, const RunRecorder& rec,
                             const IssueLog& log) {
  TP_CHECK(log.queries_issued >= 1);
  LoadgenResult r;
  r.settings = s;
  r.generated_query_count = trace.query_count();
  fill_measurements(s, trace, rec, log, r);
  fill_throughput(s, r);
  fill_early_stopping(s, r);
  r.num_errors = rec.errors();
  return r;
}

}  // namespace tinyperf::loadgen::detail
