// The rules both formats share (docs/submission.md, "The two formats"), the TinyTorch
// capstone's own requirements, format detection, and the entry points.
#include "tinyperf/submission/validate.h"
#include "tinyperf/core/choice.h"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/core.h>

#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/improvements.h"
#include "validate_rules.h"

namespace tinyperf::submission {
namespace detail {
namespace {

// median <= p90 <= p95 <= p99 over the keys present with valid values: each one is compared with
// the largest before it, so one value out of place gives one error.
void check_order(Checker& c, const Json& metrics, const std::string& path) {
  static constexpr std::array<std::string_view, 4> kKeys = {"latency_ms_median", "latency_ms_p90",
                                                            "latency_ms_p95", "latency_ms_p99"};
  std::optional<double> highest;
  std::string_view highest_key;
  for (const auto key : kKeys) {
    const auto value = quiet_number(metrics, key, Range::kPositive);
    if (!value) continue;
    if (highest && *value < *highest) {
      c.error(child_path(path, key),
              fmt::format("{} is below {} {} (need median <= p90 <= p95 <= p99)",
                          number_text(*value), highest_key, number_text(*highest)));
      continue;
    }
    highest = value;
    highest_key = key;
  }
}

void check_system_info(Checker& c, const Json& doc, bool v1) {
  const Json* info = c.object(doc, "$", "system_info", true);
  if (info == nullptr) return;
  c.string(*info, "$.system_info", "platform", true);
  if (v1) return;  // the v1 keys are checked with the other v1 additions
  c.string(*info, "$.system_info", "python_version", true);
  c.string(*info, "$.system_info", "processor", false);
}

std::optional<SideMetrics> check_side(Checker& c, const Json& doc, std::string_view key,
                                      bool required, bool v1) {
  const Json* side = c.object(doc, "$", key, required);
  if (side == nullptr) return std::nullopt;
  const std::string path = child_path("$", key);
  c.string(*side, path, "model_name", true);
  if (v1) {
    c.string_array(*side, path, "techniques_applied", key == "optimized", is_technique_name,
                   kTechniqueRule);
  } else if (key == "optimized") {
    c.string_array(*side, path, "techniques_applied", false);
  }
  const Json* metrics = c.object(*side, path, "metrics", true);
  if (metrics == nullptr) return SideMetrics{};
  return check_metrics(c, *metrics, child_path(path, "metrics"), v1);
}

void compare_recomputed(Checker& c, std::string_view key, std::optional<double> stated,
                        double expected, const std::string& how) {
  if (!stated || close_enough(*stated, expected)) return;
  c.error(child_path("$.improvements", key),
          fmt::format("{} does not match {}, recomputed as {}", number_text(*stated),
                      number_text(expected), how));
}

// The side as the improvements rule sees it: the metrics the validator found valid.
Side rule_side(const SideMetrics& m) {
  Side side;
  side.metrics.model_size_mb = m.model_size_mb;
  side.metrics.accuracy = m.accuracy;
  side.metrics.latency_ms_mean = m.latency_ms_mean;
  side.metrics.latency_ms_median = m.latency_ms_median;
  return side;
}

// improvements = a recomputation from the two sides' metrics (improvements.h).
// `speedup_from_runs`: a v1 improvements block of test t_test_log_run_medians, whose speedup is
// recomputed from the runs instead (validate_v1.cc).
void recompute_improvements(Checker& c, const Json& improvements, const SideMetrics& base,
                            const SideMetrics& opt, bool speedup_from_runs) {
  const Side b = rule_side(base);
  const Side o = rule_side(opt);
  const Improvements r = improvements_of(b, o);
  const LatencyBasis basis = speedup_basis(b.metrics, o.metrics);
  // Medians decide when both sides carry the key, valid or not: a broken median (reported
  // already) is not replaced by the means.
  if (!speedup_from_runs && r.speedup &&
      (basis == LatencyBasis::kMedian) == (base.has_median && opt.has_median)) {
    compare_recomputed(c, "speedup", quiet_number(improvements, "speedup", Range::kPositive),
                       *r.speedup,
                       fmt::format("baseline {} {} / optimized {}", to_string(basis),
                                   number_text(*latency_ms(b.metrics, basis)),
                                   number_text(*latency_ms(o.metrics, basis))));
  }
  if (r.compression_ratio) {
    compare_recomputed(
        c, "compression_ratio", quiet_number(improvements, "compression_ratio", Range::kPositive),
        *r.compression_ratio,
        fmt::format("baseline model_size_mb {} / optimized {}", number_text(*base.model_size_mb),
                    number_text(*opt.model_size_mb)));
  }
  if (r.accuracy_delta) {
    compare_recomputed(c, "accuracy_delta",
                       quiet_number(improvements, "accuracy_delta", Range::kSignedFraction),
                       *r.accuracy_delta,
                       fmt::format("optimized accuracy {} - baseline {}",
                                   number_text(*opt.accuracy), number_text(*base.accuracy)));
  }
}

void check_improvements(Checker& c, const Json& doc, const std::optional<SideMetrics>& base,
                        const std::optional<SideMetrics>& opt, bool v1) {
  const Json* improvements = c.object(doc, "$", "improvements", false);
  if (improvements == nullptr) return;
  if (!doc.contains("optimized")) {
    c.error("$.improvements", "improvements require an optimized side, and $.optimized is missing");
  }
  c.number(*improvements, "$.improvements", "speedup", true, Range::kPositive);
  c.number(*improvements, "$.improvements", "compression_ratio", true, Range::kPositive);
  c.number(*improvements, "$.improvements", "accuracy_delta", true, Range::kSignedFraction);
  const auto test = improvements->find("test");
  const bool from_runs = v1 && test != improvements->end() && *test == "t_test_log_run_medians";
  if (base && opt) recompute_improvements(c, *improvements, *base, *opt, from_runs);
}

void check_document(Checker& c, const Json& doc, SubmissionFormat format) {
  const bool v1 = format == SubmissionFormat::kTinyperfV1;
  if (v1) {
    c.constant(doc, "$", "schema_version", "1.0");
  } else {
    c.string(doc, "$", "tinytorch_version", true);
  }
  c.constant(doc, "$", "submission_type", "capstone_benchmark");
  c.string(doc, "$", "timestamp", true);
  c.string(doc, "$", "student_name", false);
  c.string(doc, "$", "submitter", false);
  check_system_info(c, doc, v1);
  const auto base = check_side(c, doc, "baseline", true, v1);
  const auto opt = check_side(c, doc, "optimized", false, v1);
  check_improvements(c, doc, base, opt, v1);
  c.forbidden(doc, "$", "event", kEventReason);
  if (v1) check_v1_additions(c, doc);
}

}  // namespace

SideMetrics check_metrics(Checker& c, const Json& metrics, const std::string& path, bool v1) {
  SideMetrics m;
  c.integer(metrics, path, "parameter_count", true, Range::kPositive);
  m.model_size_mb = c.number(metrics, path, "model_size_mb", true, Range::kPositive);
  m.accuracy = c.number(metrics, path, "accuracy", true, Range::kFraction);
  m.latency_ms_mean = c.number(metrics, path, "latency_ms_mean", true, Range::kPositive);
  c.number(metrics, path, "latency_ms_std", v1, Range::kNonNegative);
  m.latency_ms_median = c.number(metrics, path, "latency_ms_median", v1, Range::kPositive);
  m.has_median = metrics.contains("latency_ms_median");
  for (const char* key : {"latency_ms_p90", "latency_ms_p95", "latency_ms_p99"}) {
    c.number(metrics, path, key, v1, Range::kPositive);
  }
  c.number(metrics, path, "throughput_samples_per_sec", false, Range::kPositive);
  check_order(c, metrics, path);
  return m;
}

bool is_technique_name(std::string_view name) {
  bool after_separator = true;  // no leading, trailing or doubled underscore
  for (const char ch : name) {
    if (ch == '_') {
      if (after_separator) return false;
      after_separator = true;
    } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      after_separator = false;
    } else {
      return false;
    }
  }
  return !after_separator;
}

}  // namespace detail

namespace {
constexpr std::array<Choice<SubmissionFormat>, 3> kFormatNames{
    {{"unknown", SubmissionFormat::kUnknown},
     {"tinyperf v1", SubmissionFormat::kTinyperfV1},
     {"tinytorch capstone", SubmissionFormat::kTinytorchCapstone}}};
}  // namespace

std::string_view to_string(SubmissionFormat format) { return choice_name(kFormatNames, format); }

SubmissionFormat detect_submission_format(const nlohmann::json& doc) {
  if (!doc.is_object()) return SubmissionFormat::kUnknown;
  if (doc.contains("schema_version")) return SubmissionFormat::kTinyperfV1;
  const auto type = doc.find("submission_type");
  const bool capstone_type = type != doc.end() && *type == "capstone_benchmark";
  if (doc.contains("tinytorch_version") || capstone_type) {
    return SubmissionFormat::kTinytorchCapstone;
  }
  return SubmissionFormat::kUnknown;
}

ValidationResult validate_submission(const nlohmann::json& doc) {
  ValidationResult result;
  result.format = detect_submission_format(doc);
  detail::Checker checker;
  if (!doc.is_object()) {
    checker.error("$", detail::type_problem(doc, "a JSON object (a submission)"));
  } else if (result.format == SubmissionFormat::kUnknown) {
    checker.error("$",
                  "unknown submission format: neither \"schema_version\" (tinyperf v1) nor "
                  "\"tinytorch_version\" / \"submission_type\": \"capstone_benchmark\" "
                  "(TinyTorch capstone)");
  } else {
    detail::check_document(checker, doc, result.format);
  }
  result.errors = checker.take();
  return result;
}

ValidationResult validate_submission_file(const std::string& path, std::size_t max_bytes) {
  return validate_submission(read_json_file(path, max_bytes));
}

}  // namespace tinyperf::submission
