// The leaderboard as text, Markdown, HTML and JSON. Every string that comes from a submission
// (names, file paths, reasons) is untrusted: it goes through terminal_safe, markdown_escape or
// html_escape (tinyperf/core/text.h) for the format. Names read from submissions (submitter,
// model, processor) are also cut short; file names and reasons are shown whole (reasons quote
// document text already cut short by the validator).
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/report/leaderboard_render.h"
#include "tinyperf/submission/improvements.h"

namespace tinyperf::report {

using leaderboard::Event;
using leaderboard::EventTable;
using leaderboard::GroupBy;
using leaderboard::qualification_rule;
using leaderboard::RankedEntry;
using leaderboard::ranking_rule;
using leaderboard::Skipped;
using leaderboard::to_string;
namespace {

constexpr std::array<Choice<LeaderboardFormat>, 4> kLeaderboardFormats{
    {{"text", LeaderboardFormat::kText},
     {"md", LeaderboardFormat::kMarkdown},
     {"html", LeaderboardFormat::kHtml},
     {"json", LeaderboardFormat::kJson}}};

using nlohmann::json;

// Names read from submissions (submitter, model, processor) are cut to this in tables.
constexpr std::size_t kMaxNameChars = 48;

std::string number(double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : "-"; }

// One table as rows of cells (terminal_safe text), the first row the header.
using Rows = std::vector<std::vector<std::string>>;

Rows table_rows(const EventTable& table, bool with_processor) {
  std::vector<std::string> header = {"rank", "accuracy", "latency_ms", "size_mb"};
  const bool product = table.event == Event::kExtremePush;
  if (product) header.push_back("latency_x_size");
  for (const char* name : {"efficiency", "submitter", "model"}) header.push_back(name);
  if (with_processor) header.push_back("processor");
  header.push_back("file");
  Rows rows = {header};
  for (const auto& e : table.ranked) {
    const auto& m = e.metrics;
    std::vector<std::string> row = {
        std::to_string(e.rank), number(m.accuracy),
        number(m.latency_ms) +
            (m.latency_key == to_string(submission::LatencyBasis::kMean) ? " (mean)" : ""),
        number(m.model_size_mb)};
    if (product) row.push_back(number(e.value));
    row.push_back(number(m.efficiency_score));
    row.push_back(e.submitter.empty() ? "-" : terminal_safe(e.submitter, kMaxNameChars));
    row.push_back(m.model_name.empty() ? "-" : terminal_safe(m.model_name, kMaxNameChars));
    if (with_processor) row.push_back(terminal_safe(e.processor, kMaxNameChars));
    row.push_back(terminal_safe(e.source));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string grouping_note(const Leaderboard& board) {
  if (board.group_by == GroupBy::kNone) {
    return "All submissions are ranked together, whatever hardware measured them.";
  }
  return "Ranked separately per processor (system_info.processor, else platform): results "
         "measured on different hardware are not compared.";
}

std::string summary_line(const Leaderboard& board) {
  return fmt::format("{} valid submission{}, {} skipped.", board.valid_submissions,
                     board.valid_submissions == 1 ? "" : "s", board.skipped.size());
}

// "qualifies when accuracy >= 0.85; ranked by latency, ascending"; capitalized for a paragraph.
std::string rules_line(Event event, bool capitalized = false) {
  const std::string_view rule = qualification_rule(event);
  std::string line = fmt::format("{}; ranked by {}",
                                 rule == "always" ? std::string("every valid submission qualifies")
                                                  : fmt::format("qualifies when {}", rule),
                                 ranking_rule(event));
  if (capitalized) line[0] = static_cast<char>(line[0] - 'a' + 'A');
  return line;
}

std::string table_title(const EventTable& table) {
  return table.group == "all" ? std::string(to_string(table.event))
                              : fmt::format("{} [processor: {}]", to_string(table.event),
                                            terminal_safe(table.group, kMaxNameChars));
}

std::string render_text(const Leaderboard& board) {
  std::string out =
      fmt::format("tinyperf leaderboard: {}\n{}\n", summary_line(board), grouping_note(board));
  const bool with_processor = board.group_by == GroupBy::kNone;
  for (const auto& table : board.tables) {
    out += fmt::format("\n{}\n  {}\n", table_title(table), rules_line(table.event));
    const Rows rows = table_rows(table, with_processor);
    std::vector<std::size_t> width(rows[0].size(), 0);
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i)
        width[i] = std::max(width[i], char_count(row[i]));
    }
    if (rows.size() == 1) out += "  (no qualifying submission)\n";
    for (std::size_t r = 0; r < rows.size() && rows.size() > 1; ++r) {
      std::string line = " ";
      for (std::size_t i = 0; i < rows[r].size(); ++i) {
        const std::string& cell = rows[r][i];
        line += " " + cell + std::string(width[i] - char_count(cell), ' ');
      }
      line.erase(line.find_last_not_of(' ') + 1);
      out += line + "\n";
    }
    if (!table.not_qualified.empty()) out += "  not qualified:\n";
    for (const auto& n : table.not_qualified) {
      out += fmt::format("    {}: {}\n", terminal_safe(n.source), terminal_safe(n.reason));
    }
  }
  if (!board.skipped.empty()) out += "\nskipped (never ranked):\n";
  for (const auto& s : board.skipped) {
    out += fmt::format("  {}: {}\n", terminal_safe(s.source), terminal_safe(s.reason));
  }
  return out;
}

std::string render_markdown(const Leaderboard& board) {
  std::string out =
      fmt::format("# tinyperf leaderboard\n\n{} {}\n", summary_line(board), grouping_note(board));
  for (const auto& table : board.tables) {
    out += fmt::format("\n## {}\n\n{}.\n\n", markdown_escape(table_title(table)),
                       markdown_escape(rules_line(table.event, true)));
    const Rows rows = table_rows(table, board.group_by == GroupBy::kNone);
    if (rows.size() == 1) out += "No qualifying submission.\n";
    for (std::size_t r = 0; r < rows.size() && rows.size() > 1; ++r) {
      std::string line = "|";
      for (const auto& cell : rows[r]) line += fmt::format(" {} |", markdown_escape(cell));
      out += line + "\n";
      if (r != 0) continue;
      out += "|";
      for (std::size_t i = 0; i < rows[0].size(); ++i) out += i == 0 ? "---:|" : "---|";
      out += "\n";
    }
    if (!table.not_qualified.empty()) out += "\nNot qualified:\n\n";
    for (const auto& n : table.not_qualified) {
      out += fmt::format("- {}: {}\n", markdown_escape(n.source), markdown_escape(n.reason));
    }
  }
  if (!board.skipped.empty()) out += "\n## Skipped (never ranked)\n\n";
  for (const auto& s : board.skipped) {
    out += fmt::format("- {}: {}\n", markdown_escape(s.source), markdown_escape(s.reason));
  }
  return out;
}

std::string render_html(const Leaderboard& board) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>tinyperf leaderboard</title>\n<style>body{font-family:sans-serif;margin:2em}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;"
      "text-align:left}</style></head>\n<body>\n<h1>tinyperf leaderboard</h1>\n";
  out += fmt::format("<p>{} {}</p>\n", html_escape(summary_line(board)),
                     html_escape(grouping_note(board)));
  for (const auto& table : board.tables) {
    out += fmt::format("<h2>{}</h2>\n<p>{}.</p>\n", html_escape(table_title(table)),
                       html_escape(rules_line(table.event, true)));
    const Rows rows = table_rows(table, board.group_by == GroupBy::kNone);
    if (rows.size() == 1) out += "<p>No qualifying submission.</p>\n";
    if (rows.size() > 1) out += "<table>\n";
    for (std::size_t r = 0; r < rows.size() && rows.size() > 1; ++r) {
      const char* cell = r == 0 ? "th" : "td";
      out += "<tr>";
      for (const auto& text : rows[r])
        out += fmt::format("<{0}>{1}</{0}>", cell, html_escape(text));
      out += "</tr>\n";
    }
    if (rows.size() > 1) out += "</table>\n";
    if (!table.not_qualified.empty()) out += "<p>Not qualified:</p>\n<ul>\n";
    for (const auto& n : table.not_qualified) {
      out += fmt::format("<li>{}: {}</li>\n", html_escape(n.source), html_escape(n.reason));
    }
    if (!table.not_qualified.empty()) out += "</ul>\n";
  }
  if (!board.skipped.empty()) out += "<h2>Skipped (never ranked)</h2>\n<ul>\n";
  for (const auto& s : board.skipped) {
    out += fmt::format("<li>{}: {}</li>\n", html_escape(s.source), html_escape(s.reason));
  }
  if (!board.skipped.empty()) out += "</ul>\n";
  return out + "</body></html>\n";
}

json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json entry_to_json(const RankedEntry& e) {
  const auto& m = e.metrics;
  return {{"rank", e.rank},
          {"file", e.source},
          {"submitter", e.submitter},
          {"model_name", m.model_name},
          {"processor", e.processor},
          {"side", m.side},
          {"value", finite_or_null(e.value)},
          {"accuracy", finite_or_null(m.accuracy)},
          {"latency_ms", finite_or_null(m.latency_ms)},
          {"latency_key", m.latency_key},
          {"model_size_mb", finite_or_null(m.model_size_mb)},
          {"efficiency_score", finite_or_null(m.efficiency_score)}};
}

json table_to_json(const EventTable& table) {
  json entries = json::array();
  for (const auto& e : table.ranked) entries.push_back(entry_to_json(e));
  json not_qualified = json::array();
  for (const auto& n : table.not_qualified) {
    not_qualified.push_back({{"file", n.source}, {"reason", n.reason}});
  }
  return {{"event", to_string(table.event)},
          {"group", table.group},
          {"qualifies_when", qualification_rule(table.event)},
          {"ranked_by", ranking_rule(table.event)},
          {"entries", std::move(entries)},
          {"not_qualified", std::move(not_qualified)}};
}

}  // namespace

json leaderboard_to_json(const Leaderboard& board) {
  json tables = json::array();
  for (const auto& table : board.tables) tables.push_back(table_to_json(table));
  json skipped = json::array();
  for (const auto& s : board.skipped) skipped.push_back({{"file", s.source}, {"reason", s.reason}});
  return {{"group_by", to_string(board.group_by)},
          {"valid_submissions", board.valid_submissions},
          {"events", std::move(tables)},
          {"skipped", std::move(skipped)}};
}

std::string_view to_string(LeaderboardFormat format) {
  return choice_name(kLeaderboardFormats, format);
}

LeaderboardFormat parse_leaderboard_format(std::string_view name) {
  return parse_choice(kLeaderboardFormats, name, "format");
}

std::string render_leaderboard(const Leaderboard& board, LeaderboardFormat format) {
  switch (format) {
    case LeaderboardFormat::kText:
      return render_text(board);
    case LeaderboardFormat::kMarkdown:
      return render_markdown(board);
    case LeaderboardFormat::kHtml:
      return render_html(board);
    case LeaderboardFormat::kJson:
      // A file name need not be UTF-8; replace what is not rather than fail.
      return leaderboard_to_json(board).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  return render_text(board);
}

}  // namespace tinyperf::report
