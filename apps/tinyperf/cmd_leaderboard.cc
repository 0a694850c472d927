// tinyperf leaderboard FILE|DIR...: ranks valid submissions per event (spec/submission.md,
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

}  // namespace

void add_leaderboard_command(CLI::App& app, Action& action) {
  const auto [cmd, flags] = bind_flags<LeaderboardFlags>(app, action, run_leaderboard);
  cmd->add_option("paths", flags->paths,
                  "Submission files, or folders whose *.json files are read in name order")
      ->required();
  cmd->add_option("--event", flags->event, "One event, or all")
      ->check(CLI::IsMember(event_names()))
      ->capture_default_str();
  cmd->add_option("--format", flags->format, "Output: text, md (Markdown), html or json")
      ->check(CLI::IsMember({"text", "md", "html", "json"}))
      ->capture_default_str();
  cmd->add_option("--group-by", flags->group_by,
                  "processor: rank each processor's submissions separately; none: all together")
      ->check(CLI::IsMember({"processor", "none"}))
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "Same as --format json");
}

}  // namespace tinyperf::cli
