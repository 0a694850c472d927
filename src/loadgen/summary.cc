// to_json and format_summary: a LoadgenResult under LoadGen's field names.
#include <cmath>
#include <limits>
#include <string>

#include <fmt/core.h>

#include "tinyperf/core/version.h"
#include "tinyperf/loadgen/result.h"

namespace tinyperf::loadgen {
namespace {

std::string pct_key(double p, const char* middle = "percentile_latency_ns") {
  return fmt::format("result_{:.2f}_{}", p * 100, middle);
}

nlohmann::json optional_ns(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

void put_latency_summary(nlohmann::json& j, const LatencySummary& s, const std::string& infix,
                         const char* pct_middle) {
  j["result_min_" + infix + "latency_ns"] = s.min_ns;
  j["result_max_" + infix + "latency_ns"] = s.max_ns;
  j["result_mean_" + infix + "latency_ns"] = s.mean_ns;
  for (std::size_t i = 0; i < kReportedPercentiles.size(); ++i) {
    j[pct_key(kReportedPercentiles[i], pct_middle)] = s.percentile_ns[i];
  }
}

bool mlperf_comparable(const LoadgenSettings& s) {
  if (s.quick) return false;
  switch (s.scenario) {
    case Scenario::kMultiStream:
      return s.min_query_count >= 662;
    case Scenario::kOffline:
      return s.min_sample_count >= kMlperfOfflineMinSamples;
    default:
      return s.min_query_count >= 100;
  }
}

void put_scenario_results(nlohmann::json& j, const LoadgenResult& r) {
  switch (r.settings.scenario) {
    case Scenario::kSingleStream:
      j["early_stopping_latency_ss"] = optional_ns(r.early_stopping.estimate_ns);
      j["early_stopping_latency_ms"] =
          optional_ns(r.early_stopping_p99 ? r.early_stopping_p99->estimate_ns : std::nullopt);
      break;
    case Scenario::kMultiStream:
      j["early_stopping_latency_ms"] = optional_ns(r.early_stopping.estimate_ns);
      put_latency_summary(j, r.latency, "query_", "percentile_per_query_latency_ns");
      j["sample_latencies_ns"] = r.sample_latencies_ns;
      break;
    case Scenario::kServer:
      j["result_completed_samples_per_sec"] = r.completed_samples_per_sec;
      j["result_scheduled_samples_per_sec"] = r.scheduled_samples_per_sec;
      j["result_overlatency_query_count"] = r.overlatency_count;
      j["issue_lateness_ns"] = {{"mean", r.issue_lateness_mean_ns},
                                {"p99", r.issue_lateness_p99_ns},
                                {"max", r.issue_lateness_max_ns}};
      break;
    case Scenario::kOffline:
      j["result_samples_per_second"] = r.samples_per_second;
      break;
  }
  if (r.settings.scenario == Scenario::kSingleStream ||
      r.settings.scenario == Scenario::kMultiStream) {
    j["result_qps_with_loadgen_overhead"] = r.qps_with_loadgen_overhead;
    j["result_qps_without_loadgen_overhead"] = r.qps_without_loadgen_overhead;
  }
}

nlohmann::json tool_json() {
  const BuildInfo& b = build_info();
  return {{"name", "tinyperf"},
          {"version", b.version},
          {"git_commit", b.git_commit},
          {"build_type", b.build_type},
          {"compiler", b.compiler}};
}

const char* yes_no(bool v) { return v ? "Yes" : "NO"; }

std::string indented(const std::string& text, const char* prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out + "\n";
}

std::string headline(const LoadgenResult& r) {
  const LoadgenSettings& s = r.settings;
  switch (s.scenario) {
    case Scenario::kServer:
      return fmt::format("Completed samples per second    : {:.2f}\n", r.completed_samples_per_sec);
    case Scenario::kOffline:
      return fmt::format("Samples per second: {:.2f}\n", r.samples_per_second);
    default:
      return fmt::format("{:.1f}th percentile latency (ns) : {}\n",
                         s.target_latency_percentile * 100, r.latency.target_percentile_ns);
  }
}

std::string verdict_block(const LoadgenResult& r) {
  std::string out = fmt::format("Result is : {}\n", r.valid ? "VALID" : "INVALID");
  if (r.settings.scenario == Scenario::kServer) {
    out +=
        fmt::format("  Performance constraints satisfied : {}\n", yes_no(r.perf_constraints_met));
  }
  out += fmt::format("  Min duration satisfied : {}\n", yes_no(r.min_duration_met));
  out += fmt::format("  Min queries satisfied : {}\n", yes_no(r.min_queries_met));
  out += fmt::format("  Early stopping satisfied: {}\n", yes_no(r.early_stopping_met));
  for (const auto& reason : r.invalid_reasons) out += "  INVALID because " + reason + "\n";
  if (!r.recommendations.empty()) {
    out += "Recommendations:\n";
    for (const auto& rec : r.recommendations) out += " * " + rec + "\n";
  }
  return out;
}

std::string early_stopping_block(const LoadgenResult& r) {
  if (r.settings.scenario == Scenario::kOffline) return "";
  std::string out = "Early Stopping Result:\n" + indented(r.early_stopping.text, " * ");
  if (r.early_stopping_p99) out += indented(r.early_stopping_p99->text, " * ");
  return out;
}

std::string stats_block(const LoadgenResult& r) {
  std::string out = "Additional Stats:\n";
  const Scenario sc = r.settings.scenario;
  if (sc == Scenario::kSingleStream || sc == Scenario::kMultiStream) {
    out += fmt::format("QPS w/ loadgen overhead         : {:.2f}\n", r.qps_with_loadgen_overhead);
    out +=
        fmt::format("QPS w/o loadgen overhead        : {:.2f}\n", r.qps_without_loadgen_overhead);
  }
  if (sc == Scenario::kServer) {
    out += fmt::format("Scheduled samples per second : {:.2f}\n", r.scheduled_samples_per_sec);
    out += fmt::format("Issue lateness (ns) mean / p99 / max : {} / {} / {}\n",
                       r.issue_lateness_mean_ns, r.issue_lateness_p99_ns, r.issue_lateness_max_ns);
  }
  const LatencySummary& l = sc == Scenario::kMultiStream ? r.sample_latency : r.latency;
  out += fmt::format("Min latency (ns)                : {}\n", l.min_ns);
  out += fmt::format("Max latency (ns)                : {}\n", l.max_ns);
  out += fmt::format("Mean latency (ns)               : {}\n", l.mean_ns);
  for (std::size_t i = 0; i < kReportedPercentiles.size(); ++i) {
    out += fmt::format("{:.2f} percentile latency (ns)   : {}\n", kReportedPercentiles[i] * 100,
                       l.percentile_ns[i]);
  }
  if (sc == Scenario::kMultiStream) {
    out += fmt::format("Per-query min / mean / max latency (ns) : {} / {} / {}\n", r.latency.min_ns,
                       r.latency.mean_ns, r.latency.max_ns);
  }
  return out;
}

std::string parameters_block(const LoadgenResult& r) {
  std::string out = "Test Parameters Used:\n";
  const nlohmann::json settings = settings_to_json(r.settings);
  for (const auto& [key, value] : settings.items()) {
    out += fmt::format("{} : {}\n", key, value.dump());
  }
  out += fmt::format("expected_latency_calibrated : {}\n", r.expected_latency_calibrated);
  out += fmt::format("generated_query_count : {}\nstop_reason : {}\n", r.generated_query_count,
                     r.stop_reason);
  return out;
}

}  // namespace

double scenario_metric(const LoadgenResult& r) {
  switch (r.settings.scenario) {
    case Scenario::kServer:
      return r.completed_samples_per_sec;
    case Scenario::kOffline:
      return r.samples_per_second;
    default:
      return r.early_stopping.estimate_ns ? static_cast<double>(*r.early_stopping.estimate_ns)
                                          : std::numeric_limits<double>::quiet_NaN();
  }
}

nlohmann::json to_json(const LoadgenResult& r) {
  const LoadgenSettings& s = r.settings;
  nlohmann::json j = {
      {"schema_version", 1},
      {"tool", tool_json()},
      {"scenario", std::string(scenario_name(s.scenario))},
      {"sut_name", r.sut_name},
      {"qsl_name", r.qsl_name},
      {"qsl_reported_total_count", r.qsl_total_count},
      {"qsl_reported_performance_count", r.qsl_performance_count},
      {"result_validity", r.valid ? "VALID" : "INVALID"},
      {"result_invalid_reasons", r.invalid_reasons},
      {"recommendations", r.recommendations},
      {"result_min_duration_met", r.min_duration_met},
      {"result_min_queries_met", r.min_queries_met},
      {"result_perf_constraints_met", r.perf_constraints_met},
      {"early_stopping_met", r.early_stopping_met},
      {"early_stopping_result", r.early_stopping.text},
      {"result_query_count", r.query_count},
      {"result_sample_count", r.sample_count},
      {"generated_query_count", r.generated_query_count},
      {"stop_reason", r.stop_reason},
      {"stopped_early", r.stopped_early},
      {"num_errors", r.num_errors},
      {"final_query_issued_ns", r.final_query_issued_ns},
      {"final_query_scheduled_ns", r.final_query_scheduled_ns},
      {"final_query_all_samples_done_ns", r.final_query_all_samples_done_ns},
      {"max_completion_ns", r.max_completion_ns},
      {"mlperf_comparable", mlperf_comparable(s)},
      {"warnings", r.warnings},
      {"clock_resolution_ns", r.clock_resolution_ns},
      {"expected_latency_calibrated", r.expected_latency_calibrated},
  };
  const LatencySummary& sample =
      s.scenario == Scenario::kMultiStream ? r.sample_latency : r.latency;
  put_latency_summary(j, sample, "", "percentile_latency_ns");
  put_scenario_results(j, r);
  j["settings"] = settings_to_json(s);
  j["latencies_ns"] = r.latencies_ns;
  return j;
}

std::string format_summary(const LoadgenResult& r) {
  std::string out =
      "================================================\n"
      "tinyperf loadgen results summary (MLPerf LoadGen rules)\n"
      "================================================\n";
  out += fmt::format("SUT name : {}\nScenario : {}\nMode     : PerformanceOnly\n", r.sut_name,
                     scenario_name(r.settings.scenario));
  out += headline(r) + verdict_block(r) + "\n" + early_stopping_block(r) + "\n";
  out += "================================================\n" + stats_block(r) + "\n";
  out += "================================================\n" + parameters_block(r) + "\n";
  if (r.warnings.empty()) out += "No warnings encountered during test.\n";
  for (const auto& w : r.warnings) out += "WARNING: " + w + "\n";
  out += r.num_errors == 0
             ? "No errors encountered during test.\n"
             : fmt::format("{} ERRORS encountered (SUT completions).\n", r.num_errors);
  return out;
}

}  // namespace tinyperf::loadgen
