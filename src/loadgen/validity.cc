#include "validity.h"

#include <array>
#include <cmath>

#include <fmt/core.h>

#include "tinyperf/core/choice.h"

namespace tinyperf::loadgen::detail {
namespace {

std::int64_t to_ns(double seconds) { return std::llround(seconds * 1e9); }

// The time LoadGen compares with min_duration, per scenario, and what that time is.
struct MeasuredDuration {
  std::int64_t ns;
  const char* basis;
};

MeasuredDuration measured_duration(const LoadgenResult& r) {
  switch (r.settings.scenario) {
    case Scenario::kServer:
      return {r.final_query_scheduled_ns, "the last query's scheduled time"};
    case Scenario::kOffline:
      return {r.max_completion_ns, "the last completion"};
    default:
      return {r.final_query_issued_ns, "the last query's issue time"};
  }
}

std::string early_note(const LoadgenResult& r) {
  if (!r.stopped_early) return "";
  return fmt::format(" (issuing stopped early: {})", r.stop_reason);
}

std::string stop_advice(StopReason stop, const Trace& trace, Scenario scenario) {
  switch (stop) {
    case StopReason::kMaxDuration:
      return "Raise max_duration_s or lower the minimums.";
    case StopReason::kMaxQueries:
      return "Raise max_query_count or lower the minimums.";
    case StopReason::kTraceExhausted:
      return trace.capped ? "The trace hit its memory cap (kMaxTraceSamples): lower "
                            "min_duration_s."
                          : "Decrease the expected latency (expected_latency_ns) so the load "
                            "generator pre-generates more queries.";
    default:
      if (scenario == Scenario::kOffline) {
        return "Increase the expected QPS (target_qps) so the Offline query holds more "
               "samples.";
      }
      return "Increase the minimums' headroom: lower min_duration_s or raise the trace size.";
  }
}

void check_duration(const IssueLog& log, const Trace& trace, LoadgenResult& r) {
  const MeasuredDuration measured = measured_duration(r);
  r.min_duration_met = measured.ns >= to_ns(r.settings.min_duration_s);
  if (r.min_duration_met) return;
  r.invalid_reasons.push_back(fmt::format(
      "min duration not met: {} was at {:.6f} s, below the {} s minimum{}", measured.basis,
      static_cast<double>(measured.ns) * 1e-9, r.settings.min_duration_s, early_note(r)));
  r.recommendations.push_back(stop_advice(log.stop, trace, r.settings.scenario));
}

void check_counts(const IssueLog& log, const Trace& trace, LoadgenResult& r) {
  const LoadgenSettings& s = r.settings;
  const bool queries_ok = r.query_count >= s.min_query_count;
  const bool samples_ok = s.scenario != Scenario::kOffline || r.sample_count >= s.min_sample_count;
  r.min_queries_met = queries_ok && samples_ok;
  if (!queries_ok) {
    r.invalid_reasons.push_back(
        fmt::format("min queries not met: {} queries issued, below the {} "
                    "minimum{}",
                    r.query_count, s.min_query_count, early_note(r)));
  }
  if (!samples_ok) {
    r.invalid_reasons.push_back(
        fmt::format("min samples not met: the Offline query held {} "
                    "samples, below the {} minimum{}",
                    r.sample_count, s.min_sample_count, early_note(r)));
  }
  if (!r.min_queries_met) r.recommendations.push_back(stop_advice(log.stop, trace, s.scenario));
}

void check_latency_bound(LoadgenResult& r) {
  const LoadgenSettings& s = r.settings;
  r.perf_constraints_met =
      s.scenario != Scenario::kServer || r.latency.target_percentile_ns <= s.target_latency_ns;
  if (r.perf_constraints_met) return;
  r.invalid_reasons.push_back(fmt::format(
      "performance constraint not met: {:.2f} percentile latency {} ns exceeds the {} ns bound",
      s.target_latency_percentile * 100, r.latency.target_percentile_ns, s.target_latency_ns));
  r.recommendations.push_back("Reduce target QPS to improve latency.");
}

void check_early_stopping(LoadgenResult& r) {
  if (r.early_stopping_met) return;
  const std::int64_t n = static_cast<std::int64_t>(
      r.settings.scenario == Scenario::kServer ? r.sample_count : r.query_count);
  r.invalid_reasons.push_back(fmt::format(
      "early stopping not met at the {:.1f}th percentile: {} queries processed, at least {} "
      "needed{}",
      r.early_stopping.percentile * 100, n, r.early_stopping.min_queries,
      r.settings.scenario == Scenario::kServer ? " with this many over the latency bound" : ""));
  r.recommendations.push_back(
      r.settings.scenario == Scenario::kServer
          ? "Run more queries (raise min_query_count or min_duration_s) or reduce target QPS."
          : fmt::format("Process at least {} queries (raise min_query_count or min_duration_s).",
                        r.early_stopping.min_queries));
}

void add_warnings(const Trace& trace, LoadgenResult& r) {
  if (r.settings.quick) {
    r.warnings.push_back(
        fmt::format("quick run: minimums lowered (min duration {} s); not "
                    "comparable with MLPerf results",
                    r.settings.min_duration_s));
  }
  if (trace.capped) {
    r.warnings.push_back(
        fmt::format("trace capped at {} samples (memory limit)", trace.samples.size()));
  }
  if (r.num_errors > 0) {
    r.invalid_reasons.push_back(
        fmt::format("the SUT reported {} completions that were repeated "
                    "or had unknown ids",
                    r.num_errors));
  }
}

}  // namespace

const char* stop_reason_text(StopReason reason) {
  static constexpr std::array<Choice<StopReason>, 5> kTexts{
      {{"min duration and min query count met", StopReason::kMinimumsMet},
       {"max duration reached", StopReason::kMaxDuration},
       {"max query count reached", StopReason::kMaxQueries},
       {"ran out of generated queries", StopReason::kTraceExhausted},
       {"all queries issued", StopReason::kAllIssued}}};
  return choice_name(kTexts, reason).data();
}

void judge(const IssueLog& log, const Trace& trace, LoadgenResult& r) {
  r.stop_reason = stop_reason_text(log.stop);
  r.stopped_early = log.stop == StopReason::kMaxDuration || log.stop == StopReason::kMaxQueries ||
                    log.stop == StopReason::kTraceExhausted;
  check_duration(log, trace, r);
  check_counts(log, trace, r);
  check_latency_bound(r);
  check_early_stopping(r);
  add_warnings(trace, r);
  r.valid = r.invalid_reasons.empty();
}

}  // namespace tinyperf::loadgen::detail
