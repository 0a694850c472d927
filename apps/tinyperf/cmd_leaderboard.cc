// tinyperf leaderboard FILE|DIR...: ranks valid submissions per event (docs/submission.md,
// "Events and ranking"), per processor unless --group-by none. Invalid or unreadable files are
// listed as skipped with the reason, never ranked.
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"
#include "tinyperf/leaderboard/leaderboard.h"
#include "tinyperf/report/leaderboard_render.h"

namespace tinyperf::cli {
namespace {

struct LeaderboardFlags {
  std::vector<std::string> paths;
  std::string event = "all";
  std::string format = "text";
  std::string group_by = "processor";
  bool json = false;
};

int run_leaderboard(const LeaderboardFlags& flags) {
  leaderboard::LeaderboardOptions options;
  if (flags.event != "all") options.events = {leaderboard::parse_event(flags.event)};
  options.group_by = leaderboard::parse_group_by(flags.group_by);
  const auto format = flags.json ? report::LeaderboardFormat::kJson
                                 : report::parse_leaderboard_format(flags.format);
  const auto inputs = leaderboard::read_leaderboard_inputs(flags.paths);
  const leaderboard::Leaderboard board = leaderboard::build_leaderboard(inputs, options);
  std::cout << report::render_leaderboard(board, format) << std::flush;
  // Nothing could be ranked: the finding is negative (every input invalid, or none given).
  return board.valid_submissions == 0 ? kExitFinding : kExitOk;
}

std::vector<std::string> event_names() {
  std::vector<std::string> names = {"all"};
  for (const auto event : leaderboard::all_events())
    names.emplace_back(leaderboard::to_string(event));
  return names;
}

void add_flags(CLI::App& cmd, LeaderboardFlags& f) {
  cmd.add_option("paths", f.paths,
                 "Submission files, or folders whose *.json files are read in name order")
      ->required();
  cmd.add_option("--event", f.event, "One event, or all")
      ->check(CLI::IsMember(event_names()))
      ->capture_default_str();
  cmd.add_option("--format", f.format, "Output: text, md (Markdown), html or json")
      ->check(CLI::IsMember({"text", "md", "html", "json"}))
      ->capture_default_str();
  cmd.add_option("--group-by", f.group_by,
                 "processor: rank each processor's submissions separately; none: all together")
      ->check(CLI::IsMember({"processor", "none"}))
      ->capture_default_str();
  cmd.add_flag("--json", f.json, "Same as --format json");
}

}  // namespace

const AddCommand add_leaderboard_command =
    &bound_command<LeaderboardFlags, add_flags, run_leaderboard>;

}  // namespace tinyperf::cli
