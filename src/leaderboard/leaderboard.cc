// Events, qualification and ranking (docs/submission.md, "Events and leaderboards").
#include "tinyperf/leaderboard/leaderboard.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>

#include <fmt/core.h>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/submission/improvements.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::leaderboard {

using submission::kMaxSubmissionBytes;
using submission::LatencyBasis;
using submission::SideRole;
using submission::Submission;
using submission::validate_submission;
using submission::ValidationResult;
namespace {

constexpr std::array<Event, 5> kEvents = {Event::kLatencySprint, Event::kMemoryChallenge,
                                          Event::kAccuracyContest, Event::kExtremePush,
                                          Event::kAllAround};
constexpr std::array<Choice<Event>, 5> kEventNames{{{"latency_sprint", Event::kLatencySprint},
                                                    {"memory_challenge", Event::kMemoryChallenge},
                                                    {"accuracy_contest", Event::kAccuracyContest},
                                                    {"extreme_push", Event::kExtremePush},
                                                    {"all_around", Event::kAllAround}}};
constexpr std::array<Choice<GroupBy>, 2> kGroupings{
    {{"processor", GroupBy::kProcessor}, {"none", GroupBy::kNone}}};
constexpr double kSprintAccuracy = 0.85;     // latency_sprint and memory_challenge
constexpr double kExtremeAccuracy = 0.80;    // extreme_push
constexpr double kContestLatencyMs = 100.0;  // accuracy_contest: strictly below
constexpr double kContestSizeMb = 10.0;      // accuracy_contest: strictly below

// The figure as events use it: NaN when absent.
double or_missing(const std::optional<double>& value) {
  return value.value_or(EventMetrics::kMissing);
}

bool positive(double x) { return std::isfinite(x) && x > 0; }

// improvements.efficiency_score, else recomputed by the improvements rule; NaN when neither.
double efficiency_of(const Submission& s) {
  if (s.improvements && s.improvements->efficiency_score) return *s.improvements->efficiency_score;
  return or_missing(submission::improvements_of(s.baseline, *s.optimized).efficiency_score);
}

// The first reason the three event figures cannot be judged, or "".
std::string unusable(const EventMetrics& m) {
  if (std::isnan(m.accuracy)) return "accuracy is missing";
  if (!(m.accuracy >= 0 && m.accuracy <= 1)) {
    return fmt::format("accuracy {} is outside [0, 1]", m.accuracy);
  }
  if (std::isnan(m.latency_ms)) {
    return fmt::format("{} and {} are missing", to_string(LatencyBasis::kMedian),
                       to_string(LatencyBasis::kMean));
  }
  if (!positive(m.latency_ms)) return fmt::format("{} {} is not > 0", m.latency_key, m.latency_ms);
  if (std::isnan(m.model_size_mb)) return "model_size_mb is missing";
  if (!positive(m.model_size_mb))
    return fmt::format("model_size_mb {} is not > 0", m.model_size_mb);
  return {};
}

std::string rule_reason(const EventMetrics& m, Event event) {
  switch (event) {
    case Event::kLatencySprint:
    case Event::kMemoryChallenge:
      if (m.accuracy >= kSprintAccuracy) return {};
      return fmt::format("accuracy {} is below {}", m.accuracy, kSprintAccuracy);
    case Event::kExtremePush:
      if (m.accuracy >= kExtremeAccuracy) return {};
      return fmt::format("accuracy {} is below {}", m.accuracy, kExtremeAccuracy);
    case Event::kAccuracyContest: {
      std::string reason;
      if (!(m.latency_ms < kContestLatencyMs)) {
        reason = fmt::format("latency {} ms is not below {} ms", m.latency_ms, kContestLatencyMs);
      }
      if (!(m.model_size_mb < kContestSizeMb)) {
        reason += fmt::format("{}size {} MB is not below {} MB", reason.empty() ? "" : "; ",
                              m.model_size_mb, kContestSizeMb);
      }
      return reason;
    }
    case Event::kAllAround:
      if (positive(m.efficiency_score)) return {};
      return fmt::format("efficiency_score {} is not finite and > 0", m.efficiency_score);
  }
  return {};
}

std::string skip_reason(const LeaderboardInput& input) {
  if (!input.document) return input.read_error.empty() ? "could not be read" : input.read_error;
  const ValidationResult result = validate_submission(*input.document);
  if (result.valid()) return {};
  const auto& first = result.errors.front();
  std::string reason = fmt::format("invalid {} submission: {}: {}", to_string(result.format),
                                   first.path, first.message);
  if (result.errors.size() > 1) {
    reason += fmt::format(" (and {} more errors)", result.errors.size() - 1);
  }
  return reason;
}

// The input parsed, or why it is skipped.
std::optional<Submission> parsed(const LeaderboardInput& input, std::string& reason) {
  reason = skip_reason(input);
  if (!reason.empty()) return std::nullopt;
  try {
    return submission::parse_submission(*input.document);
  } catch (const InputError& e) {
    reason = fmt::format("cannot be read as a submission: {}", e.what());
    return std::nullopt;
  }
}

struct Candidate {
  const LeaderboardInput* input;
  EventMetrics metrics;
  std::string submitter;
  std::string processor;
  std::string group;  // the processor, or "all" with GroupBy::kNone
};

// Competition ranking after a stable sort: equal values share the rank of the first of them.
void rank_table(EventTable& table) {
  const bool descending = ranks_descending(table.event);
  std::stable_sort(table.ranked.begin(), table.ranked.end(), [&](const auto& a, const auto& b) {
    return descending ? a.value > b.value : a.value < b.value;
  });
  for (std::size_t i = 0; i < table.ranked.size(); ++i) {
    const bool tie = i > 0 && table.ranked[i].value == table.ranked[i - 1].value;
    table.ranked[i].rank = tie ? table.ranked[i - 1].rank : i + 1;
  }
}

EventTable event_table(Event event, const std::string& group,
                       const std::vector<Candidate>& candidates) {
  EventTable table{event, group, {}, {}};
  for (const auto& c : candidates) {
    if (c.group != group) continue;
    const Qualification q = qualify(c.metrics, event);
    if (!q.qualifies) {
      table.not_qualified.push_back({c.input->source, q.reason});
      continue;
    }
    table.ranked.push_back(
        {0, c.input->source, c.submitter, c.processor, c.metrics, ranking_value(c.metrics, event)});
  }
  rank_table(table);
  return table;
}

// *.json files of `dir`, in name order. IoError when the folder cannot be listed.
std::vector<std::string> json_files_in(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  std::vector<std::string> files;
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && it->path().extension() == ".json") {
      files.push_back(it->path().string());
    }
  }
  if (ec) throw IoError(fmt::format("{}: cannot list the folder: {}", dir.string(), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

LeaderboardInput read_input(const std::string& path) {
  try {
    return {path, read_json_file(path, kMaxSubmissionBytes), {}};
  } catch (const Error& e) {
    return {path, std::nullopt, e.what()};
  }
}

}  // namespace

std::span<const Event> all_events() { return kEvents; }

std::string_view to_string(Event event) { return choice_name(kEventNames, event); }

Event parse_event(std::string_view name) { return parse_choice(kEventNames, name, "event"); }

std::string_view qualification_rule(Event event) {
  static constexpr std::array<Choice<Event>, 5> kRules{
      {{"accuracy >= 0.85", Event::kLatencySprint},
       {"accuracy >= 0.85", Event::kMemoryChallenge},
       {"latency < 100 ms and size < 10 MB", Event::kAccuracyContest},
       {"accuracy >= 0.80", Event::kExtremePush},
       {"always", Event::kAllAround}}};
  return choice_name(kRules, event);
}

std::string_view ranking_rule(Event event) {
  static constexpr std::array<Choice<Event>, 5> kRules{
      {{"latency, ascending", Event::kLatencySprint},
       {"model_size_mb, ascending", Event::kMemoryChallenge},
       {"accuracy, descending", Event::kAccuracyContest},
       {"latency x size, ascending", Event::kExtremePush},
       {"efficiency_score, descending", Event::kAllAround}}};
  return choice_name(kRules, event);
}

EventMetrics event_metrics(const Submission& s) {
  EventMetrics m;
  const SideRole role = s.optimized ? SideRole::kOptimized : SideRole::kBaseline;
  const submission::Side& side = submission::side_of(s, role);
  m.side = submission::to_string(role);
  m.model_name = side.model_name;
  m.accuracy = or_missing(side.metrics.accuracy);
  const LatencyBasis basis =
      side.metrics.latency_ms_median ? LatencyBasis::kMedian : LatencyBasis::kMean;
  m.latency_key = to_string(basis);
  m.latency_ms = or_missing(submission::latency_ms(side.metrics, basis));
  m.model_size_mb = or_missing(side.metrics.model_size_mb);
  m.efficiency_score = s.optimized ? efficiency_of(s) : 1.0;
  return m;
}

Qualification qualify(const EventMetrics& metrics, Event event) {
  std::string reason = unusable(metrics);
  if (reason.empty()) reason = rule_reason(metrics, event);
  return {reason.empty(), reason};
}

double ranking_value(const EventMetrics& m, Event event) {
  switch (event) {
    case Event::kLatencySprint:
      return m.latency_ms;
    case Event::kMemoryChallenge:
      return m.model_size_mb;
    case Event::kAccuracyContest:
      return m.accuracy;
    case Event::kExtremePush:
      return m.latency_ms * m.model_size_mb;
    case Event::kAllAround:
      return m.efficiency_score;
  }
  return EventMetrics::kMissing;
}

bool ranks_descending(Event event) {
  return event == Event::kAccuracyContest || event == Event::kAllAround;
}

std::string_view to_string(GroupBy group_by) { return choice_name(kGroupings, group_by); }

GroupBy parse_group_by(std::string_view name) { return parse_choice(kGroupings, name, "group_by"); }

std::string processor_of(const Submission& s) {
  if (s.system_info) {
    for (const auto* name : {&s.system_info->processor, &s.system_info->platform}) {
      if (*name && !(*name)->empty()) return **name;
    }
  }
  return "unknown";
}

std::vector<LeaderboardInput> read_leaderboard_inputs(std::span<const std::string> paths) {
  std::vector<LeaderboardInput> inputs;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& file : json_files_in(path)) inputs.push_back(read_input(file));
    } else if (std::filesystem::exists(path, ec)) {
      inputs.push_back(read_input(path));
    } else {
      throw IoError(fmt::format("{}: no such file or directory", path));
    }
  }
  return inputs;
}

Leaderboard build_leaderboard(std::span<const LeaderboardInput> inputs,
                              const LeaderboardOptions& options) {
  Leaderboard board;
  board.group_by = options.group_by;
  std::vector<Candidate> candidates;
  std::vector<std::string> groups;  // first-seen order
  for (const auto& input : inputs) {
    std::string reason;
    const std::optional<Submission> parsed_input = parsed(input, reason);
    if (!parsed_input) {
      board.skipped.push_back({input.source, std::move(reason)});
      continue;
    }
    const Submission& s = *parsed_input;
    std::string processor = processor_of(s);
    std::string group = options.group_by == GroupBy::kNone ? "all" : processor;
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
    candidates.push_back({&input, event_metrics(s), submission::submitter_of(s),
                          std::move(processor), std::move(group)});
  }
  board.valid_submissions = candidates.size();
  for (const Event event : options.events) {
    for (const auto& group : groups) board.tables.push_back(event_table(event, group, candidates));
  }
  return board;
}

}  // namespace tinyperf::leaderboard
