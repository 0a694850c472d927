// The tinyperf v1 additions (docs/submission.md, "tinyperf v1 additions"): provenance blocks,
// model identity, raw samples, and the rules that make a v1 file checkable by recomputation.
#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/stats/metrics.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/stats/summary.h"
#include "validate_rules.h"

namespace tinyperf::submission::detail {
namespace {

constexpr double kBytesPerMiB = 1024.0 * 1024.0;

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

// YYYY-MM-DDTHH:MM:SS[.fraction]Z, the schema's pattern (no calendar check, like the schema).
bool is_utc_timestamp(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size() + 1 || text.back() != 'Z') return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !is_digit(text[i]) : text[i] != kShape[i]) return false;
  }
  const std::string_view rest = text.substr(kShape.size(), text.size() - kShape.size() - 1);
  if (rest.empty()) return true;
  if (rest.size() < 2 || rest[0] != '.') return false;
  for (std::size_t i = 1; i < rest.size(); ++i) {
    if (!is_digit(rest[i])) return false;
  }
  return true;
}

bool is_sha256(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char ch : text) {
    if (!is_digit(ch) && !(ch >= 'a' && ch <= 'f')) return false;
  }
  return true;
}

void check_sha256(Checker& c, const Json& parent, const std::string& path) {
  const std::string* digest = c.string(parent, path, "sha256", true);
  if (digest != nullptr && !is_sha256(*digest)) {
    c.error(
        child_path(path, "sha256"),
        fmt::format("{} is not a SHA-256 digest (64 lower-case hex digits)", quote_text(*digest)));
  }
}

void check_strings(Checker& c, const Json& parent, const std::string& path,
                   std::initializer_list<std::string_view> keys) {
  for (const auto key : keys) c.string(parent, path, key, true);
}

void check_timestamp(Checker& c, const Json& doc) {
  const auto it = doc.find("timestamp");
  if (it == doc.end() || !it->is_string()) return;  // reported by the core rules
  if (!is_utc_timestamp(it->get_ref<const std::string&>())) {
    c.error("$.timestamp", fmt::format("{} is not an ISO 8601 UTC time like 2026-11-22T10:00:00Z",
                                       quote_text(it->get_ref<const std::string&>())));
  }
}

void check_tool(Checker& c, const Json& doc) {
  const Json* tool = c.object(doc, "$", "tool", true);
  if (tool == nullptr) return;
  c.constant(*tool, "$.tool", "name", "tinyperf");
  check_strings(c, *tool, "$.tool", {"version", "git_commit", "build_type", "compiler", "flags"});
}

// The object `key` of `parent`, a map whose every value must be of JSON type `type` (`what`).
void check_map_values(Checker& c, const Json& parent, const std::string& path, std::string_view key,
                      bool required, Json::value_t type, std::string_view what) {
  const Json* map = c.object(parent, path, key, required);
  if (map == nullptr) return;
  const std::string map_path = child_path(path, key);
  ItemReporter report(c, map_path);
  for (const auto& [name, value] : map->items()) {
    if (value.type() != type) report.error(child_path(map_path, name), type_problem(value, what));
  }
}

void check_system_info(Checker& c, const Json& doc) {
  const auto it = doc.find("system_info");
  if (it == doc.end() || !it->is_object()) return;  // reported by the core rules
  const Json& info = *it;
  const std::string path = "$.system_info";
  check_strings(c, info, path, {"os", "kernel", "processor", "cpu_governor"});
  c.integer(info, path, "cpu_count", true, Range::kPositive);
  c.number(info, path, "memory_gb", true, Range::kPositive);
  c.string_array(info, path, "isa", true);
  check_map_values(c, info, path, "libraries", true, Json::value_t::string, "a string");
  for (const char* key : {"hostname", "host_name", "node"}) {
    c.forbidden(info, path, key, "a submission never records the host name");
  }
}

void check_workload(Checker& c, const Json& doc) {
  const Json* workload = c.object(doc, "$", "workload", true);
  if (workload == nullptr) return;
  if (const Json* dataset = c.object(*workload, "$.workload", "dataset", true)) {
    const std::string path = "$.workload.dataset";
    check_strings(c, *dataset, path, {"name", "split"});
    c.integer(*dataset, path, "num_samples", true, Range::kPositive);
    check_sha256(c, *dataset, path);
  }
  c.string(*workload, "$.workload", "task", true);
  const Json* shape = c.array(*workload, "$.workload", "input_shape", true);
  if (shape == nullptr) return;
  if (shape->empty()) c.error("$.workload.input_shape", "expected at least one dimension, got []");
  ItemReporter report(c, "$.workload.input_shape");
  for (std::size_t i = 0; i < shape->size(); ++i) {
    if (auto problem = integer_problem((*shape)[i], Range::kPositive)) {
      report.error(index_path("$.workload.input_shape", i), std::move(*problem));
    }
  }
}

void check_settings(Checker& c, const Json& doc) {
  const Json* settings = c.object(doc, "$", "settings", true);
  if (settings == nullptr) return;
  const std::string path = "$.settings";
  c.string(*settings, path, "scenario", true);
  for (const char* key : {"warmup_runs", "seed"}) {
    c.integer(*settings, path, key, true, Range::kNonNegative);
  }
  for (const char* key : {"measurement_runs", "batch_size", "threads"}) {
    c.integer(*settings, path, key, true, Range::kPositive);
  }
  c.number(*settings, path, "min_duration_s", true, Range::kNonNegative);
  c.boolean(*settings, path, "interleaved", true);
}

// model { format, precision, size_bytes, sha256 }; returns size_bytes when valid.
std::optional<double> check_model(Checker& c, const Json& side, const std::string& side_path) {
  const Json* model = c.object(side, side_path, "model", true);
  if (model == nullptr) return std::nullopt;
  const std::string path = child_path(side_path, "model");
  check_strings(c, *model, path, {"format", "precision"});
  const auto size = c.integer(*model, path, "size_bytes", true, Range::kPositive);
  check_sha256(c, *model, path);
  return size;
}

// Key `a` requires key `b` beside it (reported at `a`, like "improvements require optimized").
void check_pair(Checker& c, const Json& metrics, const std::string& path, std::string_view a,
                std::string_view b) {
  if (metrics.contains(a) && !metrics.contains(b)) {
    c.error(child_path(path, a), fmt::format("requires {} beside it", b));
  }
}

void check_metric_extras(Checker& c, const Json& metrics, const std::string& path) {
  c.interval(metrics, path, "latency_ms_ci95", true, /*nullable=*/true);
  c.number(metrics, path, "peak_memory_mb", true, Range::kPositive);
  c.number(metrics, path, "energy_j_per_inference", false, Range::kNonNegative);
  c.one_of(metrics, path, "energy_method", {"rapl", "estimate"}, false);
  check_pair(c, metrics, path, "energy_j_per_inference", "energy_method");
  check_pair(c, metrics, path, "energy_method", "energy_j_per_inference");
}

// samples.latency_ms: every value a finite number > 0; returns them when all are.
std::optional<std::vector<double>> check_samples(Checker& c, const Json& side,
                                                 const std::string& side_path) {
  const Json* samples = c.object(side, side_path, "samples", true);
  if (samples == nullptr) return std::nullopt;
  const std::string samples_path = child_path(side_path, "samples");
  const Json* latency = c.array(*samples, samples_path, "latency_ms", true);
  if (latency == nullptr) return std::nullopt;
  const std::string path = child_path(samples_path, "latency_ms");
  if (latency->empty()) {
    c.error(path, "expected at least one value, got []");
    return std::nullopt;
  }
  std::vector<double> values;
  values.reserve(latency->size());
  ItemReporter report(c, path);
  for (std::size_t i = 0; i < latency->size(); ++i) {
    if (auto problem = number_problem((*latency)[i], Range::kPositive)) {
      report.error(index_path(path, i), std::move(*problem));
    } else {
      values.push_back(as_double((*latency)[i]));
    }
  }
  if (values.size() != latency->size()) return std::nullopt;
  return values;
}

// The latency metrics must be the statistics of the raw samples (statistics.md definitions).
void check_against_samples(Checker& c, const Json& metrics, const std::string& path,
                           const std::vector<double>& samples) {
  // The individual statistics rather than stats::summarize: no intervals or outlier counts are
  // needed, and hostile sample sizes cost one sort.
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  const std::array<std::pair<std::string_view, double>, 6> expected = {
      {{"latency_ms_mean", stats::mean(samples)},
       {"latency_ms_std", stats::stddev(samples)},
       {"latency_ms_median", stats::median(sorted)},
       {"latency_ms_p90", stats::percentile_sorted(sorted, 90.0)},
       {"latency_ms_p95", stats::percentile_sorted(sorted, 95.0)},
       {"latency_ms_p99", stats::percentile_sorted(sorted, 99.0)}}};
  for (const auto& [key, value] : expected) {
    const auto stated = quiet_number(metrics, key, Range::kNonNegative);
    if (!stated || close_enough(*stated, value)) continue;
    c.error(child_path(path, key),
            fmt::format("{} does not match {}, recomputed from the {} values of samples.latency_ms",
                        number_text(*stated), number_text(value), samples.size()));
  }
}

void check_size_matches_bytes(Checker& c, const Json& metrics, const std::string& path,
                              double size_bytes) {
  const auto stated = quiet_number(metrics, "model_size_mb", Range::kPositive);
  const double expected = size_bytes / kBytesPerMiB;
  if (!stated || close_enough(*stated, expected)) return;
  c.error(child_path(path, "model_size_mb"),
          fmt::format("{} does not match {}, recomputed as model.size_bytes {} / 2^20 (MiB)",
                      number_text(*stated), number_text(expected), number_text(size_bytes)));
}

void check_measured_side(Checker& c, const Json& doc, std::string_view key) {
  const auto it = doc.find(key);
  if (it == doc.end() || !it->is_object()) return;  // reported by the core rules
  const std::string path = child_path("$", key);
  c.forbidden(*it, path, "event", kEventReason);
  const auto size_bytes = check_model(c, *it, path);
  const auto samples = check_samples(c, *it, path);
  const auto metrics = it->find("metrics");
  if (metrics == it->end() || !metrics->is_object()) return;
  const std::string metrics_path = child_path(path, "metrics");
  check_metric_extras(c, *metrics, metrics_path);
  if (samples) check_against_samples(c, *metrics, metrics_path, *samples);
  if (size_bytes) check_size_matches_bytes(c, *metrics, metrics_path, *size_bytes);
}

void check_efficiency_score(Checker& c, const Json& improvements) {
  const auto stated =
      c.number(improvements, "$.improvements", "efficiency_score", true, Range::kPositive);
  const auto speedup = quiet_number(improvements, "speedup", Range::kPositive);
  const auto ratio = quiet_number(improvements, "compression_ratio", Range::kPositive);
  const auto delta = quiet_number(improvements, "accuracy_delta", Range::kSignedFraction);
  if (!stated || !speedup || !ratio || !delta) return;
  const double expected = stats::efficiency_score(*speedup, *ratio, *delta);
  if (close_enough(*stated, expected)) return;
  c.error("$.improvements.efficiency_score",
          fmt::format("{} does not match {}, recomputed as speedup * compression_ratio / "
                      "(1 + max(0, -accuracy_delta))",
                      number_text(*stated), number_text(expected)));
}

// The medians of the runs of one side under t_test_log_run_medians: samples.latency_ms split in
// order into measurement.latency.runs runs of samples_per_run values, each run's median the
// matching run_medians_ms value. Empty (with the error recorded) when the side does not hold them;
// broken samples were reported by check_measured_side and give empty without a second error.
std::optional<std::vector<double>> checked_run_medians(Checker& c, const Json& doc,
                                                       const char* side_name) {
  const auto side = doc.find(side_name);
  if (side == doc.end() || !side->is_object()) return std::nullopt;
  const std::string side_path = child_path("$", side_name);
  const Json* measurement = c.object(*side, side_path, "measurement", true);
  if (measurement == nullptr) return std::nullopt;
  const std::string m_path = child_path(side_path, "measurement");
  const Json* latency = c.object(*measurement, m_path, "latency", true);
  if (latency == nullptr) return std::nullopt;
  const std::string path = child_path(m_path, "latency");
  const auto runs = c.integer(*latency, path, "runs", true, Range::kPositive);
  const auto per_run = c.integer(*latency, path, "samples_per_run", true, Range::kPositive);
  const Json* stated = c.array(*latency, path, "run_medians_ms", true);
  if (!runs || !per_run || stated == nullptr) return std::nullopt;
  const std::string medians_path = child_path(path, "run_medians_ms");
  const auto k = static_cast<std::size_t>(*runs);
  const auto n = static_cast<std::size_t>(*per_run);
  if (stated->size() != k) {
    c.error(medians_path, fmt::format("the count {} does not match runs = {}", stated->size(), k));
    return std::nullopt;
  }
  const auto samples = side->find("samples");
  if (samples == side->end() || !samples->is_object() || !samples->contains("latency_ms") ||
      !(*samples)["latency_ms"].is_array()) {
    return std::nullopt;  // reported by check_measured_side
  }
  const Json& raw = (*samples)["latency_ms"];
  std::vector<double> values;
  for (const Json& v : raw) {
    if (number_problem(v, Range::kPositive)) return std::nullopt;  // reported already
    values.push_back(as_double(v));
  }
  if (values.size() != k * n) {
    c.error(child_path(child_path(side_path, "samples"), "latency_ms"),
            fmt::format("the count {} does not match runs x samples_per_run = {} x {} = {}",
                        values.size(), k, n, k * n));
    return std::nullopt;
  }
  std::vector<double> medians;
  for (std::size_t i = 0; i < k; ++i) {
    const double median = stats::median(std::span<const double>(values).subspan(i * n, n));
    if (auto problem = number_problem((*stated)[i], Range::kPositive)) {
      c.error(index_path(medians_path, i), std::move(*problem));
      return std::nullopt;
    }
    const double stated_median = as_double((*stated)[i]);
    if (!close_enough(stated_median, median)) {
      c.error(index_path(medians_path, i),
              fmt::format("{} does not match {}, the median of samples {} to {} of "
                          "samples.latency_ms",
                          number_text(stated_median), number_text(median), i * n, (i + 1) * n - 1));
      return std::nullopt;
    }
    medians.push_back(median);
  }
  return medians;
}

// t_test_log_run_medians: the speedup is recomputed from the runs, not from the metrics' medians
// (validate.cc leaves it out then).
void check_run_speedup(Checker& c, const Json& doc, const Json& improvements) {
  const auto base = checked_run_medians(c, doc, "baseline");
  const auto opt = checked_run_medians(c, doc, "optimized");
  const auto stated = quiet_number(improvements, "speedup", Range::kPositive);
  if (!base || !opt || !stated) return;
  const double expected = stats::run_speedup(*base, *opt);  // medians checked > 0 above
  if (!close_enough(*stated, expected)) {
    c.error("$.improvements.speedup",
            fmt::format("{} does not match {}, recomputed as the ratio of the geometric means of "
                        "the baseline's {} and the optimized side's {} run medians "
                        "(test t_test_log_run_medians)",
                        number_text(*stated), number_text(expected), base->size(), opt->size()));
  }
}

void check_improvement_extras(Checker& c, const Json& doc) {
  const auto it = doc.find("improvements");
  if (it == doc.end() || !it->is_object()) return;  // reported by the core rules
  const std::string path = "$.improvements";
  c.interval(*it, path, "speedup_ci95", true);
  c.number(*it, path, "p_value", true, Range::kFraction);
  c.number(*it, path, "welch_p_value", true, Range::kFraction);
  // mann_whitney_u: over the samples of one process per side; t_test_log_run_medians: over runs
  // (worker processes), what `tinyperf run` writes (docs/methodology.md).
  c.one_of(*it, path, "test", {"mann_whitney_u", "t_test_log_run_medians"}, true);
  const auto test = it->find("test");
  if (test != it->end() && *test == "t_test_log_run_medians") check_run_speedup(c, doc, *it);
  c.one_of(*it, path, "verdict", {"faster", "slower", "no_change", "inconclusive"}, true);
  check_efficiency_score(c, *it);
}

void check_candidate(Checker& c, const Json& candidate, const std::string& path) {
  if (!candidate.is_object()) {
    c.error(path, type_problem(candidate, "an object"));
    return;
  }
  c.string(candidate, path, "model_name", true);
  const auto size_bytes = check_model(c, candidate, path);
  c.string_array(candidate, path, "techniques_applied", true, is_technique_name, kTechniqueRule);
  c.forbidden(candidate, path, "event", kEventReason);
  const Json* metrics = c.object(candidate, path, "metrics", true);
  if (metrics == nullptr) return;
  const std::string metrics_path = child_path(path, "metrics");
  check_metrics(c, *metrics, metrics_path, /*v1=*/true);
  check_metric_extras(c, *metrics, metrics_path);
  if (size_bytes) check_size_matches_bytes(c, *metrics, metrics_path, *size_bytes);
  if (!candidate.contains("samples")) return;  // optional for candidates
  if (const auto samples = check_samples(c, candidate, path)) {
    check_against_samples(c, *metrics, metrics_path, *samples);
  }
}

void check_candidates(Checker& c, const Json& doc) {
  const Json* candidates = c.array(doc, "$", "candidates", false);
  if (candidates == nullptr) return;
  for (std::size_t i = 0; i < candidates->size(); ++i) {
    check_candidate(c, (*candidates)[i], index_path("$.candidates", i));
  }
}

}  // namespace

void check_v1_additions(Checker& c, const Json& doc) {
  check_timestamp(c, doc);
  check_tool(c, doc);
  check_system_info(c, doc);
  check_workload(c, doc);
  check_settings(c, doc);
  check_measured_side(c, doc, "baseline");
  check_measured_side(c, doc, "optimized");
  check_improvement_extras(c, doc);
  check_candidates(c, doc);
  check_map_values(c, doc, "$", "scenarios", false, Json::value_t::object, "an object");
  c.string_array(doc, "$", "warnings", true);
}

}  // namespace tinyperf::submission::detail
