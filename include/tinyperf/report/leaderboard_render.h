// Rendering a leaderboard (tinyperf/leaderboard/leaderboard.h builds it) as a terminal table,
// Markdown, a self-contained HTML page or JSON.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tinyperf/leaderboard/leaderboard.h"

namespace tinyperf::report {

using leaderboard::Leaderboard;

enum class LeaderboardFormat { kText, kMarkdown, kHtml, kJson };
// "text", "md", "html", "json"; parse throws InputError for anything else.
std::string_view to_string(LeaderboardFormat format);
LeaderboardFormat parse_leaderboard_format(std::string_view name);

// The leaderboard as a document: a terminal table, Markdown, a self-contained HTML page (every
// string from a submission escaped), or JSON (leaderboard_to_json(...).dump(2)).
std::string render_leaderboard(const Leaderboard& board, LeaderboardFormat format);

// {group_by, valid_submissions, events: [{event, group, qualifies_when, ranked_by, entries:
// [{rank, file, submitter, model_name, processor, side, value, accuracy, latency_ms, latency_key,
// model_size_mb, efficiency_score}], not_qualified: [{file, reason}]}], skipped: [{file, reason}]}.
nlohmann::json leaderboard_to_json(const Leaderboard& board);

}  // namespace tinyperf::report
