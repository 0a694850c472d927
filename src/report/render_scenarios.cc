// The MLPerf-style scenario results (the submission's "scenarios": LoadGen summaries keyed by
// scenario) as one table: the figures a reader compares, in readable units. The full summaries
// stay in the file.
#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/core.h>

#include "render_format.h"

namespace tinyperf::report::detail {
namespace {

using nlohmann::json;

enum class Kind { kText, kNanoseconds, kPerSecond, kCount, kYesNo, kList };

struct Row {
  std::string_view label;
  std::string_view key;  // LoadGen's key (docs/loadgen.md)
  Kind kind;
};

constexpr std::array<Row, 22> kRows = {{
    {"system under test", "sut_name", Kind::kText},
    {"result", "result_validity", Kind::kText},
    {"invalid because", "result_invalid_reasons", Kind::kList},
    {"early-stopping p90 latency", "early_stopping_latency_ss", Kind::kNanoseconds},
    {"early-stopping p99 latency", "early_stopping_latency_ms", Kind::kNanoseconds},
    {"samples per second", "result_samples_per_second", Kind::kPerSecond},
    {"completed samples per second", "result_completed_samples_per_sec", Kind::kPerSecond},
    {"queries per second", "result_qps_with_loadgen_overhead", Kind::kPerSecond},
    {"latency p50", "result_50.00_percentile_latency_ns", Kind::kNanoseconds},
    {"latency p90", "result_90.00_percentile_latency_ns", Kind::kNanoseconds},
    {"latency p99", "result_99.00_percentile_latency_ns", Kind::kNanoseconds},
    {"latency p99.9", "result_99.90_percentile_latency_ns", Kind::kNanoseconds},
    {"latency mean", "result_mean_latency_ns", Kind::kNanoseconds},
    {"latency max", "result_max_latency_ns", Kind::kNanoseconds},
    {"queries", "result_query_count", Kind::kCount},
    {"samples", "result_sample_count", Kind::kCount},
    {"min duration met", "result_min_duration_met", Kind::kYesNo},
    {"min queries met", "result_min_queries_met", Kind::kYesNo},
    {"early stopping met", "early_stopping_met", Kind::kYesNo},
    {"performance constraints met", "result_perf_constraints_met", Kind::kYesNo},
    {"comparable with MLPerf results", "mlperf_comparable", Kind::kYesNo},
    {"warnings", "warnings", Kind::kList},
}};

// "2.63 µs", "757 ms", "1.26 s" (three significant digits), "850 ns".
std::string nanoseconds_text(double ns) {
  if (std::abs(ns) < 1e3) return fmt::format("{:.0f} ns", ns);
  if (std::abs(ns) < 1e6) return fmt::format("{:.3g} \xC2\xB5s", ns / 1e3);
  if (std::abs(ns) < 1e9) return fmt::format("{:.3g} ms", ns / 1e6);
  return fmt::format("{:.3g} s", ns / 1e9);
}

std::string list_text(const json& value) {
  if (!value.is_array()) return json_text(value);
  std::string out;
  for (const auto& item : value) out += (out.empty() ? "" : "; ") + json_text(item);
  return out.empty() ? "(none)" : out;
}

std::string cell(const json& value, Kind kind) {
  const bool number = value.is_number() && std::isfinite(value.get<double>());
  switch (kind) {
    case Kind::kNanoseconds:
      return number ? nanoseconds_text(value.get<double>()) : json_text(value);
    case Kind::kPerSecond:
    case Kind::kCount:
      return number && value.get<double>() >= 0 ? throughput_text(value.get<double>())
                                                : json_text(value);
    case Kind::kList:
      return list_text(value);
    case Kind::kYesNo:
    case Kind::kText:
      break;
  }
  return json_text(value);
}

// Scenario keys in MLPerf's order, then any others in the file's (alphabetical) order.
std::vector<std::string> columns_of(const json& scenarios) {
  std::vector<std::string> out;
  for (const char* known : {"single_stream", "multi_stream", "server", "offline"}) {
    if (scenarios.contains(known)) out.emplace_back(known);
  }
  for (const auto& [key, value] : scenarios.items()) {
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

}  // namespace

ScenarioTable scenario_table(const json& scenarios) {
  ScenarioTable table;
  if (!scenarios.is_object()) return table;
  table.columns = columns_of(scenarios);
  for (const Row& row : kRows) {
    std::vector<std::string> cells;
    bool any = false;
    for (const auto& name : table.columns) {
      const json& s = scenarios.at(name);
      const auto it = s.is_object() ? s.find(row.key) : s.end();
      const bool found = s.is_object() && it != s.end();
      cells.push_back(found ? cell(*it, row.kind) : "-");
      any = any || (found && !(it->is_array() && it->empty()));  // no row of empty lists
    }
    if (any) table.rows.emplace_back(std::string(row.label), std::move(cells));
  }
  return table;
}

}  // namespace tinyperf::report::detail
