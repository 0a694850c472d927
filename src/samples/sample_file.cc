#include "tinyperf/samples/sample_file.h"
#include "tinyperf/core/choice.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "sample_text.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/document.h"

namespace tinyperf::samples {
namespace {

// The names of formats and units, as flags and outputs spell them (string literals: data() ends
// in a NUL, so to_string can return a C string).
constexpr std::array<Choice<SampleFormat>, 6> kSampleFormats{
    {{"auto", SampleFormat::kAuto},
     {"text", SampleFormat::kText},
     {"csv", SampleFormat::kCsv},
     {"submission", SampleFormat::kSubmission},
     {"google-benchmark", SampleFormat::kGoogleBenchmark},
     {"hyperfine", SampleFormat::kHyperfine}}};
constexpr std::array<Choice<TimeUnit>, 4> kTimeUnits{
    {{"ns", TimeUnit::kNs}, {"us", TimeUnit::kUs}, {"ms", TimeUnit::kMs}, {"s", TimeUnit::kS}}};

using detail::counted;
using detail::listed;
using detail::require_some;
using detail::shown;
using nlohmann::json;

int power_of_ten(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kNs:
      return -9;
    case TimeUnit::kUs:
      return -6;
    case TimeUnit::kMs:
      return -3;
    case TimeUnit::kS:
      return 0;
  }
  return 0;
}

// The numbers of a JSON array at `where` (a JSON path for messages), converted from `from`.
std::vector<double> json_numbers(const json& array, const std::string& path,
                                 const std::string& where, TimeUnit from, TimeUnit to) {
  if (!array.is_array()) throw InputError(fmt::format("{}: {} is not an array", path, where));
  std::vector<double> values;
  values.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json& item = array[i];
    if (!item.is_number()) {
      throw InputError(
          fmt::format("{}: {}[{}] is not a number ({})", path, where, i, item.type_name()));
    }
    values.push_back(convert_time(item.get<double>(), from, to));
  }
  require_some(values, path, where + " is empty");
  return values;
}

const json& member(const json& object, const char* key, const std::string& path,
                   const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw InputError(fmt::format("{}: {}.{} is missing", path, where, key));
  return *it;
}

// The side options.side names ("baseline" or "optimized").
submission::SideRole side_role(const std::string& side) {
  for (const auto role : {submission::SideRole::kBaseline, submission::SideRole::kOptimized}) {
    if (side == submission::to_string(role)) return role;
  }
  throw InputError(fmt::format("side {} is neither {} nor {}", shown(side),
                               submission::to_string(submission::SideRole::kBaseline),
                               submission::to_string(submission::SideRole::kOptimized)));
}

// The raw latencies of the chosen side of a tinyperf v1 submission, in ms.
std::vector<double> submission_latencies(const json& doc, const std::string& side) {
  if (submission::detect_submission_format(doc) != submission::SubmissionFormat::kTinyperfV1) {
    throw InputError(
        "a TinyTorch capstone submission holds summary metrics only, no raw samples; analyze and "
        "compare need per-run samples (a tinyperf v1 submission has them)");
  }
  const submission::Submission s = submission::parse_submission(doc);
  const auto samples = submission::latency_samples_of(s, side_role(side));
  return {samples.begin(), samples.end()};
}

SampleSet read_submission(const json& doc, const std::string& path,
                          const SampleFileOptions& options) {
  std::vector<double> values;
  try {
    values = submission_latencies(doc, options.side);
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
  for (double& v : values) v = convert_time(v, TimeUnit::kMs, options.unit);
  SampleSet set{std::move(values), options.unit, SampleFormat::kSubmission, ""};
  set.source =
      fmt::format("{}: {} side ({})", path, options.side, counted(set.values.size(), "value"));
  return set;
}

std::optional<std::string> string_member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The name of a per-repetition entry, or nothing for aggregates and complexity rows.
std::optional<std::string> iteration_name(const json& entry, const std::string& path,
                                          std::size_t index) {
  const std::string where = fmt::format("$.benchmarks[{}]", index);
  if (!entry.is_object()) throw InputError(fmt::format("{}: {} is not an object", path, where));
  const auto run_type = string_member(entry, "run_type");
  if (run_type ? *run_type != "iteration" : entry.contains("aggregate_name")) return std::nullopt;
  auto name = string_member(entry, "run_name");
  if (!name) name = string_member(entry, "name");
  if (!name) throw InputError(fmt::format("{}: {} has neither run_name nor name", path, where));
  return name;
}

TimeUnit benchmark_unit(const json& entry, const std::string& path, const std::string& where) {
  const auto unit = string_member(entry, "time_unit");
  if (!unit) return TimeUnit::kNs;  // Google Benchmark's default
  for (TimeUnit u : {TimeUnit::kNs, TimeUnit::kUs, TimeUnit::kMs, TimeUnit::kS}) {
    if (*unit == to_string(u)) return u;
  }
  throw InputError(
      fmt::format("{}: {}.time_unit {} is not ns, us, ms or s", path, where, shown(*unit)));
}

double benchmark_time(const json& entry, const std::string& path, std::size_t index, TimeUnit to) {
  const std::string where = fmt::format("$.benchmarks[{}]", index);
  if (entry.value("error_occurred", false)) {
    throw InputError(
        fmt::format("{}: {} failed: {}", path, where,
                    shown(string_member(entry, "error_message").value_or("no message"))));
  }
  const json& real_time = member(entry, "real_time", path, where);
  if (!real_time.is_number())
    throw InputError(fmt::format("{}: {}.real_time is not a number", path, where));
  return convert_time(real_time.get<double>(), benchmark_unit(entry, path, where), to);
}

std::string chosen_benchmark(const std::vector<std::string>& names, const std::string& wanted,
                             const std::string& path) {
  if (names.empty()) {
    throw InputError(fmt::format(
        "{}: no per-repetition (run_type \"iteration\") entries in $.benchmarks", path));
  }
  if (wanted.empty() && names.size() > 1) {
    throw InputError(fmt::format("{}: holds {} benchmarks, choose one with --benchmark: {}", path,
                                 names.size(), listed(names)));
  }
  if (wanted.empty()) return names.front();
  if (std::find(names.begin(), names.end(), wanted) == names.end()) {
    throw InputError(fmt::format("{}: no benchmark named {}; benchmarks: {}", path, shown(wanted),
                                 listed(names)));
  }
  return wanted;
}

SampleSet read_google_benchmark(const json& doc, const std::string& path,
                                const SampleFileOptions& options) {
  const json& entries = member(doc, "benchmarks", path, "$");
  if (!entries.is_array()) throw InputError(fmt::format("{}: $.benchmarks is not an array", path));
  std::vector<std::string> names;
  std::vector<std::optional<std::string>> entry_names;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entry_names.push_back(iteration_name(entries[i], path, i));
    const auto& name = entry_names.back();
    if (name && std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
  }
  const std::string name = chosen_benchmark(names, options.benchmark, path);
  SampleSet set{{}, options.unit, SampleFormat::kGoogleBenchmark, ""};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entry_names[i] == name)
      set.values.push_back(benchmark_time(entries[i], path, i, options.unit));
  }
  set.source =
      fmt::format("{}: {} ({})", path, shown(name), counted(set.values.size(), "repetition"));
  return set;
}

SampleSet read_hyperfine(const json& doc, const std::string& path,
                         const SampleFileOptions& options) {
  const json& results = member(doc, "results", path, "$");
  if (!results.is_array() || results.empty()) {
    throw InputError(fmt::format("{}: $.results is not a non-empty array", path));
  }
  std::vector<std::string> commands;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].is_object())
      throw InputError(fmt::format("{}: $.results[{}] is not an object", path, i));
    commands.push_back(string_member(results[i], "command").value_or(""));
  }
  const auto chosen = std::find(commands.begin(), commands.end(), options.benchmark);
  if (!options.benchmark.empty() && chosen == commands.end()) {
    throw InputError(fmt::format("{}: no result with command {}; commands: {}", path,
                                 shown(options.benchmark), listed(commands)));
  }
  const auto index =
      options.benchmark.empty() ? 0 : static_cast<std::size_t>(chosen - commands.begin());
  const std::string where = fmt::format("$.results[{}]", index);
  const json& times = member(results[index], "times", path, where);
  SampleSet set{json_numbers(times, path, where + ".times", TimeUnit::kS, options.unit),
                options.unit, SampleFormat::kHyperfine, ""};
  set.source = fmt::format("{}: command {} ({})", path, shown(commands[index]),
                           counted(set.values.size(), "run"));
  return set;
}

SampleFormat detect_json_format(const json& doc, const std::string& path) {
  if (doc.is_object()) {
    if (doc.contains("benchmarks")) return SampleFormat::kGoogleBenchmark;
    if (doc.contains("results")) return SampleFormat::kHyperfine;
    if (submission::detect_submission_format(doc) != submission::SubmissionFormat::kUnknown) {
      return SampleFormat::kSubmission;
    }
  }
  throw InputError(fmt::format(
      "{}: JSON of an unknown kind (expected Google Benchmark, hyperfine or a tinyperf submission)",
      path));
}

bool looks_like_json(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

SampleSet read_json_format(std::string_view text, SampleFormat format, const std::string& path,
                           const SampleFileOptions& options) {
  const json doc = parse_json(text, path);
  if (format == SampleFormat::kAuto) format = detect_json_format(doc, path);
  if (!doc.is_object())
    throw InputError(fmt::format("{}: the JSON document is not an object", path));
  switch (format) {
    case SampleFormat::kSubmission:
      return read_submission(doc, path, options);
    case SampleFormat::kGoogleBenchmark:
      return read_google_benchmark(doc, path, options);
    default:
      return read_hyperfine(doc, path, options);
  }
}

}  // namespace

const char* to_string(SampleFormat format) { return choice_name(kSampleFormats, format).data(); }

SampleFormat parse_sample_format(const std::string& text) {
  return parse_choice(kSampleFormats, text, "format");
}

const char* to_string(TimeUnit unit) { return choice_name(kTimeUnits, unit).data(); }

TimeUnit parse_time_unit(const std::string& text) { return parse_choice(kTimeUnits, text, "unit"); }

double convert_time(double value, TimeUnit from, TimeUnit to) {
  const int exponent = power_of_ten(from) - power_of_ten(to);
  // Powers of ten up to 1e22 are exact doubles, so one multiply or divide rounds once.
  const double scale = std::pow(10.0, std::abs(exponent));
  return exponent >= 0 ? value * scale : value / scale;
}

SampleSet load_samples(const std::string& path, const SampleFileOptions& options) {
  const std::string content = read_text_file(path);
  std::string_view text = content;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark
  SampleFormat format = options.format;
  if (format == SampleFormat::kAuto && !looks_like_json(text)) {
    format = detail::looks_like_csv(text, path) ? SampleFormat::kCsv : SampleFormat::kText;
  }
  switch (format) {
    case SampleFormat::kText:
      return detail::read_text(text, path, options);
    case SampleFormat::kCsv:
      return detail::read_csv(text, path, options);
    default:
      return read_json_format(text, format, path, options);  // kAuto: detected from the JSON
  }
}

}  // namespace tinyperf::samples
