// Private to the report module: the rule sets validate_submission applies, shared between the
// core rules of both formats (validate.cc) and the tinyperf v1 additions (validate_v1.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "validate_checker.h"

namespace tinyperf::submission::detail {

// Why an "event" key is refused wherever it appears.
inline constexpr std::string_view kEventReason =
    "a submission never names its event: events are judged from the metrics";

// The valid values of one side's metrics (absent when missing or broken; the error is recorded).
struct SideMetrics {
  std::optional<double> model_size_mb;
  std::optional<double> accuracy;
  std::optional<double> latency_ms_mean;
  std::optional<double> latency_ms_median;
  bool has_median =
      false;  // the key is present, valid or not (it decides which latency speedup uses)
};

// The value of parent[key] when it is a finite number within `range`; records nothing.
std::optional<double> quiet_number(const Json& parent, std::string_view key, Range range);

// METRICS of docs/submission.md: required keys, types, ranges, and the ordering
// median <= p90 <= p95 <= p99. `v1` also requires latency_ms_std, _median, _p90, _p95 and _p99.
SideMetrics check_metrics(Checker& checker, const Json& metrics, const std::string& path, bool v1);

// "int8_quantization": lower-case letters and digits in words joined by single underscores.
bool is_technique_name(std::string_view name);
inline constexpr std::string_view kTechniqueRule =
    "is not a technique name (lower-case words joined by underscores, e.g. int8_quantization)";

// Everything docs/submission.md lists under "tinyperf v1 additions", on a document whose core
// rules were checked already.
void check_v1_additions(Checker& checker, const Json& doc);

}  // namespace tinyperf::submission::detail
