// Events and leaderboards (docs/submission.md, "Events and leaderboards"): which submissions
// qualify for each event, and their ranking, per processor unless asked otherwise. Submissions are
// validated first; invalid or unreadable ones are listed as skipped with the reason, never ranked.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/submission/document.h"

namespace tinyperf::leaderboard {

// The five events of the TinyTorch capstone, in the spec's table order.
enum class Event { kLatencySprint, kMemoryChallenge, kAccuracyContest, kExtremePush, kAllAround };

// All events, in table order.
std::span<const Event> all_events();
// "latency_sprint", "memory_challenge", "accuracy_contest", "extreme_push", "all_around".
std::string_view to_string(Event event);
// The inverse of to_string; throws InputError naming `name` and the accepted names.
Event parse_event(std::string_view name);
// The spec's "qualifies when" column, e.g. "accuracy >= 0.85".
std::string_view qualification_rule(Event event);
// The spec's "ranked by" column, e.g. "latency, ascending".
std::string_view ranking_rule(Event event);

// What events read from a submission: its best side (optimized when present, else baseline).
// Absent values are NaN, and disqualify (see qualify).
struct EventMetrics {
  static constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
  std::string side;                    // "optimized" or "baseline"
  std::string model_name;              // that side's model_name ("" when absent)
  double accuracy = kMissing;          // fraction in [0, 1]
  double latency_ms = kMissing;        // latency_ms_median, else latency_ms_mean
  std::string latency_key;             // which of the two latency_ms came from
  double model_size_mb = kMissing;     // MiB
  double efficiency_score = kMissing;  // see event_metrics
};

// The event figures of `submission` (normally one validate_submission accepted).
// efficiency_score: improvements.efficiency_score when present; else the one
// submission::improvements_of recomputes from the two sides (improvements.h); 1.0 without an
// optimized side.
EventMetrics event_metrics(const submission::Submission& submission);

struct Qualification {
  bool qualifies = false;
  std::string reason;  // why not, e.g. "accuracy 0.849 is below 0.85"; empty when it qualifies
};

// Applies the spec's table to `metrics`. Any event disqualifies a missing or non-finite accuracy,
// latency or size, an accuracy outside [0, 1], a latency or size <= 0, and (all_around) an
// efficiency score that is not finite and > 0, with the reason.
Qualification qualify(const EventMetrics& metrics, Event event);

// The figure `event` ranks by: latency_ms, model_size_mb, accuracy, latency_ms * model_size_mb,
// efficiency_score.
double ranking_value(const EventMetrics& metrics, Event event);
// True when `event` ranks higher values first (accuracy_contest, all_around).
bool ranks_descending(Event event);

enum class GroupBy {
  kProcessor,  // one table per processor: results measured on different hardware never mixed
  kNone,       // every submission in one table
};
// "processor" or "none"; parse_group_by throws InputError for anything else.
std::string_view to_string(GroupBy group_by);
GroupBy parse_group_by(std::string_view name);

// One submission offered to the leaderboard.
struct LeaderboardInput {
  std::string source;                      // how outputs name it (the file path as given)
  std::optional<nlohmann::json> document;  // the parsed file; empty when it could not be read
  std::string read_error;                  // why it could not be read or parsed (document empty)
};

// Reads each path: a file, or a directory whose *.json files are taken in name order (not
// recursively). A file that cannot be read or parsed becomes an input with read_error set, so it
// is listed as skipped. Throws IoError when a path does not exist (a usage error, not a finding).
std::vector<LeaderboardInput> read_leaderboard_inputs(std::span<const std::string> paths);

struct RankedEntry {
  std::size_t rank = 0;  // 1-based; equal values share a rank (1, 1, 3), keeping input order
  std::string source;
  std::string submitter;  // student_name, else submitter, else ""
  std::string processor;  // processor_of(the submission), whatever the grouping
  EventMetrics metrics;
  double value = 0.0;  // ranking_value(metrics, event)
};

struct NotQualified {
  std::string source;
  std::string reason;
};

struct EventTable {
  Event event = Event::kLatencySprint;
  std::string group;                        // the processor; "all" with GroupBy::kNone
  std::vector<RankedEntry> ranked;          // best first
  std::vector<NotQualified> not_qualified;  // valid submissions the event's rule excludes
};

struct Skipped {
  std::string source;
  std::string reason;  // unreadable or invalid, with the first error and how many more
};

struct Leaderboard {
  GroupBy group_by = GroupBy::kProcessor;
  std::size_t valid_submissions = 0;
  std::vector<EventTable> tables;  // by event (requested order), then group (first seen)
  std::vector<Skipped> skipped;    // in input order
};

struct LeaderboardOptions {
  std::vector<Event> events{all_events().begin(), all_events().end()};  // which tables to build
  GroupBy group_by = GroupBy::kProcessor;
};

// The processor a submission was measured on: system_info.processor, else system_info.platform,
// else "unknown".
std::string processor_of(const submission::Submission& submission);

// Validates each input (validate_submission), parses the valid ones (parse_submission) and ranks
// them per event and group.
Leaderboard build_leaderboard(std::span<const LeaderboardInput> inputs,
                              const LeaderboardOptions& options = {});

}  // namespace tinyperf::leaderboard
