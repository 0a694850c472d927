#include "submission_index.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/sha256.h"

namespace tinyperf::store::detail {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw InputError(fmt::format("submission: {} {}", path, what));
}

const json& member(const json& parent, const std::string& path, const char* key) {
  const auto it = parent.find(key);
  if (it == parent.end()) fail(path + "." + key, "is missing (the history indexes it)");
  return *it;
}

const json& object_at(const json& parent, const std::string& path, const char* key) {
  const json& value = member(parent, path, key);
  if (!value.is_object()) fail(path + "." + key, "is not an object");
  return value;
}

std::string string_at(const json& parent, const std::string& path, const char* key) {
  const json& value = member(parent, path, key);
  if (!value.is_string()) fail(path + "." + key, "is not a string");
  return value.get<std::string>();
}

// A count such as settings.batch_size: an integer in [0, 2^63).
std::int64_t count_at(const json& parent, const std::string& path, const char* key) {
  const json& value = member(parent, path, key);
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() <= std::uint64_t{std::numeric_limits<std::int64_t>::max()}) {
    return static_cast<std::int64_t>(value.get<std::uint64_t>());
  }
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) return value.get<std::int64_t>();
  fail(path + "." + key, "is not an integer in [0, 2^63)");
}

// An optional metric: absent or null = empty; otherwise a finite number.
std::optional<double> number_at(const json& parent, const std::string& path, const char* key) {
  const auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    fail(path + "." + key, "is not a finite number");
  }
  return it->get<double>();
}

std::int64_t sample_count(const json& side, const std::string& path) {
  const auto samples = side.find("samples");
  if (samples == side.end()) return 0;
  if (!samples->is_object()) fail(path + ".samples", "is not an object");
  const auto latency = samples->find("latency_ms");
  if (latency == samples->end()) return 0;
  if (!latency->is_array()) fail(path + ".samples.latency_ms", "is not an array");
  return static_cast<std::int64_t>(latency->size());
}

ModelRow model_row(const json& side, const std::string& path, const char* role) {
  if (!side.is_object()) fail(path, "is not an object");
  ModelRow row;
  row.role = role;
  row.model_name = string_at(side, path, "model_name");
  if (const auto model = side.find("model"); model != side.end() && model->is_object()) {
    const auto precision = model->find("precision");
    if (precision != model->end() && precision->is_string()) row.precision = *precision;
  }
  const json& metrics = object_at(side, path, "metrics");
  const std::string m = path + ".metrics";
  row.latency_ms_median = number_at(metrics, m, "latency_ms_median");
  row.latency_ms_p99 = number_at(metrics, m, "latency_ms_p99");
  row.latency_ms_mean = number_at(metrics, m, "latency_ms_mean");
  row.throughput_samples_per_sec = number_at(metrics, m, "throughput_samples_per_sec");
  row.accuracy = number_at(metrics, m, "accuracy");
  row.model_size_mb = number_at(metrics, m, "model_size_mb");
  row.sample_count = sample_count(side, path);
  return row;
}

std::vector<ModelRow> model_rows(const json& doc) {
  std::vector<ModelRow> rows{model_row(object_at(doc, "$", "baseline"), "$.baseline", "baseline")};
  if (const auto it = doc.find("optimized"); it != doc.end()) {
    rows.push_back(model_row(*it, "$.optimized", "optimized"));
  }
  if (const auto it = doc.find("candidates"); it != doc.end()) {
    if (!it->is_array()) fail("$.candidates", "is not an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      rows.push_back(model_row((*it)[i], fmt::format("$.candidates[{}]", i), "candidate"));
    }
  }
  return rows;
}

void read_improvements(const json& doc, IndexedRun& run) {
  const auto it = doc.find("improvements");
  if (it == doc.end()) return;
  if (!it->is_object()) fail("$.improvements", "is not an object");
  run.speedup = number_at(*it, "$.improvements", "speedup");
  if (const auto verdict = it->find("verdict"); verdict != it->end() && verdict->is_string()) {
    run.verdict = *verdict;
  }
}

void check_v1(const json& doc) {
  if (!doc.is_object()) fail("$", "is not a JSON object");
  const auto version = doc.find("schema_version");
  if (version == doc.end()) {
    fail("$.schema_version", "is missing: the history stores tinyperf v1 submissions only");
  }
  if (*version != "1.0") fail("$.schema_version", "is not \"1.0\" (tinyperf v1)");
}

std::string compact_text(const json& doc) {
  try {
    return doc.dump();
  } catch (const json::type_error& e) {  // 316: a string that is not UTF-8
    throw InputError(fmt::format("submission: cannot be stored: {}", e.what()));
  }
}

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

}  // namespace

std::string time_key(const std::string& timestamp) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (timestamp.size() < kShape.size() + 1 || timestamp.back() != 'Z') return "";
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !is_digit(timestamp[i]) : timestamp[i] != kShape[i]) return "";
  }
  std::string fraction = timestamp.substr(kShape.size(), timestamp.size() - kShape.size() - 1);
  if (!fraction.empty()) {
    if (fraction.size() < 2 || fraction[0] != '.') return "";
    fraction.erase(0, 1);
    for (const char ch : fraction) {
      if (!is_digit(ch)) return "";
    }
  }
  fraction.resize(9, '0');  // pads, or drops digits below a nanosecond
  return fmt::format("{}.{}Z", timestamp.substr(0, kShape.size()), fraction);
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

IndexedRun index_submission(const json& doc, const RunInfo& info) {
  check_v1(doc);
  IndexedRun run;
  run.timestamp = string_at(doc, "$", "timestamp");
  run.time_key = time_key(run.timestamp);
  if (run.time_key.empty())
    fail("$.timestamp", "is not an ISO 8601 UTC time like 2026-11-22T10:00:00Z");
  const json& tool = object_at(doc, "$", "tool");
  run.git_commit =
      info.git_commit.empty() ? string_at(tool, "$.tool", "git_commit") : info.git_commit;
  run.tool_version = string_at(tool, "$.tool", "version");
  run.processor = string_at(object_at(doc, "$", "system_info"), "$.system_info", "processor");
  const json& settings = object_at(doc, "$", "settings");
  run.scenario = string_at(settings, "$.settings", "scenario");
  run.batch_size = count_at(settings, "$.settings", "batch_size");
  run.threads = count_at(settings, "$.settings", "threads");
  run.models = model_rows(doc);
  read_improvements(doc, run);
  run.text = compact_text(doc);
  run.sha256 = sha256_hex(run.text);
  return run;
}

}  // namespace tinyperf::store::detail
