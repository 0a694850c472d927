// tinyperf history: lists past runs from the results store (docs/cli.md), newest first, one line
// per model measured; `tinyperf history add FILE...` records submissions written elsewhere (for
// example CI artifacts) into it. The store is docs/history.md.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/store/store.h"
#include "tinyperf/submission/submission.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

struct HistoryFlags {
  std::string db;  // --db; "" = the default location (TINYPERF_DB, XDG data folder)
  std::string model;
  std::string processor;
  std::size_t limit = 20;
  bool json = false;
  // history add
  std::vector<std::string> files;
  std::string commit;
};

json text_or_null(const std::string& text) { return text.empty() ? json() : json(text); }

json model_json(const store::ModelRow& m) {
  return {{"role", m.role},
          {"model_name", m.model_name},
          {"precision", text_or_null(m.precision)},
          {"latency_ms_median", optional_json(m.latency_ms_median)},
          {"latency_ms_p99", optional_json(m.latency_ms_p99)},
          {"latency_ms_mean", optional_json(m.latency_ms_mean)},
          {"throughput_samples_per_sec", optional_json(m.throughput_samples_per_sec)},
          {"accuracy", optional_json(m.accuracy)},
          {"model_size_mb", optional_json(m.model_size_mb)},
          {"sample_count", m.sample_count}};
}

json run_json(const store::RunRow& r) {
  json models = json::array();
  for (const auto& m : r.models) models.push_back(model_json(m));
  return {{"id", r.id},
          {"time", r.timestamp},
          {"recorded_at", r.recorded_at},
          {"git_commit", r.git_commit},
          {"tool_version", r.tool_version},
          {"processor", r.processor},
          {"scenario", r.scenario},
          {"batch_size", r.batch_size},
          {"threads", r.threads},
          {"command", text_or_null(r.command)},
          {"out_dir", text_or_null(r.out_dir)},
          {"speedup", optional_json(r.speedup)},
          {"verdict", text_or_null(r.verdict)},
          {"submission_sha256", r.submission_sha256},
          {"models", models}};
}

// Four significant digits (whole numbers from 1000 up), or "-" for a metric the run did not state.
std::string metric(const std::optional<double>& value) {
  if (!value) return "-";
  return *value >= 1000.0 ? fmt::format("{:.0f}", *value) : fmt::format("{:.4g}", *value);
}

// "2026-11-22T10:00:00.123Z" shown as "2026-11-22 10:00:00".
std::string short_time(const std::string& timestamp) {
  std::string text = timestamp.substr(0, 19);
  if (text.size() == 19) text[10] = ' ';
  return text;
}

std::string verdict_text(const store::RunRow& run, const store::ModelRow& model) {
  if (model.role != "optimized" || run.verdict.empty()) return "-";
  return run.speedup ? fmt::format("{} ({:.3g}x)", run.verdict, *run.speedup) : run.verdict;
}

using Cells = std::vector<std::string>;

// A cell of the table holds what a submission said (a model name, say): cut to this.
constexpr std::size_t kMaxCellChars = 48;

// Aligned columns, two spaces apart; every cell terminal-safe.
void print_table(std::vector<Cells> rows) {
  for (Cells& row : rows) {
    for (std::string& cell : row) cell = terminal_safe(cell, kMaxCellChars);
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const Cells& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], char_count(row[c]));
  }
  for (const Cells& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - char_count(row[c]) + 2, ' ');
    }
    std::cout << line << '\n';
  }
}

void print_runs(const std::vector<store::RunRow>& runs, const HistoryFlags& flags,
                const std::string& where) {
  std::cout << fmt::format("history {}: {} run{}, newest first\n", terminal_safe(where),
                           runs.size(), runs.size() == 1 ? "" : "s");
  if (runs.empty()) return;
  std::vector<Cells> rows{{"id", "time (UTC)", "commit", "model", "role", "scenario", "median ms",
                           "p99 ms", "samples/s", "accuracy", "size MB", "verdict"}};
  for (const auto& run : runs) {
    for (const auto& m : run.models) {
      if (!flags.model.empty() && m.model_name != flags.model) continue;
      rows.push_back({std::to_string(run.id), short_time(run.timestamp),
                      run.git_commit.substr(0, 12), m.model_name, m.role, run.scenario,
                      metric(m.latency_ms_median), metric(m.latency_ms_p99),
                      metric(m.throughput_samples_per_sec), metric(m.accuracy),
                      metric(m.model_size_mb), verdict_text(run, m)});
    }
  }
  print_table(rows);
}

// The location and whether the user named it (--db). A default SQLite file that does not exist
// yet is an empty history; a named one that does not exist is an error (a typo, most likely).
struct Location {
  std::string where;
  bool named = false;
};

Location location_of(const HistoryFlags& flags) {
  if (!flags.db.empty()) return {flags.db, true};
  return {store::default_store_location(), false};
}

int run_list(const HistoryFlags& flags) {
  const Location location = location_of(flags);
  std::vector<store::RunRow> runs;
  std::string where = store::redact_location(location.where);
  const bool not_created = !location.named && !store::is_postgres_url(location.where) &&
                           !std::filesystem::exists(location.where);
  if (not_created) {
    std::cerr << fmt::format("tinyperf: no runs recorded yet ({} does not exist)\n",
                             terminal_safe(where));
  } else {
    const auto store = store::open_store(location.where, store::OpenMode::kExisting);
    runs = store->list_runs(
        {.model = flags.model, .processor = flags.processor, .limit = flags.limit});
  }
  if (flags.json) {
    json out = json::array();
    for (const auto& run : runs) out.push_back(run_json(run));
    print_json(out);
  } else if (!not_created) {
    print_runs(runs, flags, where);
  }
  return kExitOk;
}

// Reads and validates every file before recording any, so that a bad file records nothing.
int run_add(const HistoryFlags& flags) {
  std::vector<json> documents;
  for (const auto& file : flags.files)
    documents.push_back(load_v1_submission(
        file,
        "the history stores tinyperf v1 submissions only (they carry the raw samples, processor "
        "and settings)"));
  const auto store = store::open_store(location_of(flags).where, store::OpenMode::kCreate);
  json out = json::array();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const store::RunInfo info{fmt::format("tinyperf history add {}", flags.files[i]), flags.commit,
                              ""};
    const store::RecordResult result = store->record_run(documents[i], info);
    out.push_back({{"file", flags.files[i]}, {"id", result.id}, {"inserted", result.inserted}});
    if (!flags.json) {
      std::cout << fmt::format("{}: {} run {} in {}\n", terminal_safe(flags.files[i]),
                               result.inserted ? "recorded as" : "already recorded as", result.id,
                               terminal_safe(store->location()));
    }
  }
  if (flags.json) print_json(out);
  return kExitOk;
}

void add_location_flag(CLI::App& command, HistoryFlags& flags) {
  command
      .add_option("--db", flags.db,
                  "the results store: a SQLite file, or a postgresql:// URL (default: "
                  "$TINYPERF_DB, else $XDG_DATA_HOME/tinyperf/history.db, else "
                  "~/.local/share/tinyperf/history.db)")
      ->check(non_empty_value());
}

// `history add FILE...` when that subcommand was given, else the list.
int run_history(const HistoryFlags& flags, const CLI::App& command) {
  return command.got_subcommand("add") ? run_add(flags) : run_list(flags);
}

void add_flags(CLI::App& cmd, HistoryFlags& f) {
  add_location_flag(cmd, f);
  cmd.add_option("--model", f.model, "only runs that measured this model");
  cmd.add_option("--processor", f.processor, "only runs on this processor (exact name)");
  cmd.add_option("--limit", f.limit, "at most this many runs; 0 = all")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd.add_flag("--json", f.json, "print a JSON list of runs instead of the table");
  CLI::App* add = cmd.add_subcommand(
      "add", "Record submission files (tinyperf v1, validated first) into the results store.");
  add->add_option("files", f.files, "submission files (JSON)")->required();
  add->add_option("--commit", f.commit,
                  "git commit of the code measured (default: the submission's tool.git_commit)");
  add_location_flag(*add, f);
  add->add_flag("--json", f.json, "print a JSON list of {file, id, inserted}");
}

}  // namespace

json load_v1_submission(const std::string& file, std::string_view why) {
  const submission::Submission s = submission::load_submission(file);
  if (s.format != submission::SubmissionFormat::kTinyperfV1) {
    throw InputError(
        fmt::format("{}: a {} submission; {}", file, submission::to_string(s.format), why));
  }
  return submission::to_json(s);
}

const AddCommand add_history_command = &bound_command<HistoryFlags, add_flags, run_history>;

}  // namespace tinyperf::cli
