#include "submission_index.h"

#include <chrono>
#include <ctime>
#include <limits>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::store::detail {
namespace {

using nlohmann::json;

using submission::SideRole;
using submission::Submission;

[[noreturn]] void fail(const std::string& what) {
  throw InputError(fmt::format("submission: {}", what));
}

// A count the store keeps as a signed 64-bit integer.
std::int64_t indexed_count(std::uint64_t value, const char* what) {
  if (value > std::uint64_t{std::numeric_limits<std::int64_t>::max()}) {
    fail(fmt::format("{} {} is too large to index (above 2^63 - 1)", what, value));
  }
  return static_cast<std::int64_t>(value);
}

ModelRow model_row(const submission::Side& side, SideRole role) {
  ModelRow row;
  row.role = submission::to_string(role);
  row.model_name = side.model_name;
  if (side.model && side.model->precision) row.precision = *side.model->precision;
  const submission::Metrics& m = side.metrics;
  row.latency_ms_median = m.latency_ms_median;
  row.latency_ms_p99 = m.latency_ms_p99;
  row.latency_ms_mean = m.latency_ms_mean;
  row.throughput_samples_per_sec = m.throughput_samples_per_sec;
  row.accuracy = m.accuracy;
  row.model_size_mb = m.model_size_mb;
  row.sample_count =
      side.latency_samples_ms ? static_cast<std::int64_t>(side.latency_samples_ms->size()) : 0;
  return row;
}

// The document read as a tinyperf v1 submission (parse_submission's errors, prefixed).
Submission parse_v1(const json& doc) {
  Submission s;
  try {
    s = submission::parse_submission(doc);
  } catch (const InputError& e) {
    fail(e.what());
  }
  if (s.format != submission::SubmissionFormat::kTinyperfV1) {
    fail(fmt::format("a {} document: the history stores tinyperf v1 submissions only",
                     submission::to_string(s.format)));
  }
  return s;
}

submission::RunProvenance provenance_of(const Submission& s) {
  try {
    return submission::run_provenance_of(s);
  } catch (const InputError& e) {
    fail(fmt::format("{} (the history indexes it)", e.what()));
  }
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
  const Submission s = parse_v1(doc);
  const submission::RunProvenance p = provenance_of(s);
  IndexedRun run;
  run.timestamp = p.timestamp;
  run.time_key = time_key(run.timestamp);
  if (run.time_key.empty()) {
    fail(fmt::format("timestamp \"{}\" is not an ISO 8601 UTC time like 2026-11-22T10:00:00Z",
                     run.timestamp));
  }
  run.git_commit = info.git_commit.empty() ? p.git_commit : info.git_commit;
  run.tool_version = p.tool_version;
  run.processor = p.processor;
  run.scenario = p.scenario;
  run.batch_size = indexed_count(p.batch_size, "batch size");
  run.threads = indexed_count(p.threads, "thread count");
  for (const auto& side : submission::sides_of(s))
    run.models.push_back(model_row(*side.side, side.role));
  if (s.improvements) {
    run.speedup = s.improvements->speedup;
    if (s.improvements->verdict) run.verdict = stats::to_string(*s.improvements->verdict);
  }
  run.text = compact_text(doc);
  run.sha256 = sha256_hex(run.text);
  return run;
}

}  // namespace tinyperf::store::detail
