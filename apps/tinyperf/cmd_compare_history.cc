// tinyperf compare --against-history MODEL CANDIDATE...: the candidate runs of MODEL against its
// stored runs on the same processor, compared run by run (docs/history.md). The store fetches the
// runs (store/history.h), stats compares them (stats/runs.h); this file joins the two and prints.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/core.h>

#include "cli.h"
#include "cmd_compare.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/submission/submission.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

struct HistoryResult {
  store::HistoryQuery query;                              // what selected the stored runs
  store::HistoryBaseline baseline;                        // the stored runs, newest first
  std::vector<std::vector<double>> candidate_latency_ms;  // per candidate, its model's samples
  stats::RunSamplesComparison runs;  // medians in ms, comparison and run-level warnings
  bool gate_failed = false;
};

// The store to read: --db (which must exist), else the default location, where "not created
// yet" means no history.
std::unique_ptr<store::ResultsStore> open_history(const std::string& db) {
  if (!db.empty()) return store::open_store(db, store::OpenMode::kExisting);
  const std::string location = store::default_store_location();
  if (!store::is_postgres_url(location) && !std::filesystem::exists(location)) {
    throw InputError(
        fmt::format("{}: no results history yet (runs are recorded by tinyperf run "
                    "and tinyperf history add); pass --db to use another one",
                    location));
  }
  return store::open_store(location, store::OpenMode::kExisting);
}

std::vector<std::vector<double>> stored_samples(const store::HistoryBaseline& baseline) {
  std::vector<std::vector<double>> runs;
  for (const auto& run : baseline.runs) runs.push_back(run.latency_ms);
  return runs;
}

// Candidates first (their settings select the stored runs), then the store.
HistoryResult compare_with_history(const CompareFlags& flags) {
  std::vector<json> docs;
  for (const auto& file : flags.files)
    docs.push_back(load_v1_submission(
        file,
        "--against-history compares tinyperf v1 submissions only (they carry raw samples and the "
        "processor)"));
  const auto history = open_history(flags.history.db);
  const std::string& model = flags.history.model;
  HistoryResult h;
  h.query = store::history_query_for(docs, flags.files, model, flags.history.runs);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    h.candidate_latency_ms.push_back(store::model_latency_samples(docs[i], model, flags.files[i]));
  }
  h.baseline = store::history_baseline(*history, h.query);
  const stats::RunCompareOptions options{flags.options.alpha, flags.options.noise, "stored",
                                         flags.files};
  h.runs = stats::compare_run_samples(stored_samples(h.baseline), h.candidate_latency_ms, options);
  h.gate_failed = fails_gate(h.runs.comparison.verdict, flags.fail_on);
  return h;
}

// The stored runs used, newest first: {id, time, git_commit, count, median}.
json stored_runs_json(const HistoryResult& h) {
  json runs = json::array();
  for (std::size_t i = 0; i < h.baseline.runs.size(); ++i) {
    const auto& run = h.baseline.runs[i];
    runs.push_back({{"id", run.id},
                    {"time", run.timestamp},
                    {"git_commit", run.git_commit},
                    {"count", run.latency_ms.size()},
                    {"median", h.runs.baseline_medians[i]}});
  }
  return runs;
}

// The candidate runs, in the order given: {file, count, median}.
json candidate_runs_json(const HistoryResult& h, const std::vector<std::string>& files) {
  json runs = json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    runs.push_back({{"file", files[i]},
                    {"count", h.candidate_latency_ms[i].size()},
                    {"median", h.runs.candidate_medians[i]}});
  }
  return runs;
}

json history_json(const HistoryResult& h, const CompareFlags& flags) {
  const store::HistoryQuery& q = h.query;
  json out = run_comparison_json(h.runs, h.gate_failed, "ms", flags);
  out.update({{"mode", "history"},
              {"model", q.model},
              {"baseline",
               {{"description", h.baseline.description},
                {"processor", q.processor},
                {"scenario", q.scenario},
                {"batch_size", *q.batch_size},
                {"threads", *q.threads},
                {"runs", stored_runs_json(h)}}},
              {"candidate", {{"runs", candidate_runs_json(h, flags.files)}}}});
  out["settings"]["history_runs"] = flags.history.runs;
  return out;
}

// Neutral wording: the verdict line says whether the difference counts.
std::string history_headline(const stats::RunComparison& c) {
  const std::string ci = speedup_ci_text(c.speedup_ci95);
  if (c.speedup >= 1.0) {
    return fmt::format("speedup over the stored runs: {:.3f}x ({})", c.speedup, ci);
  }
  return fmt::format(
      "speedup over the stored runs: {:.3f}x ({}): the candidate takes {:.3f}x as "
      "long",
      c.speedup, ci, 1.0 / c.speedup);
}

void print_history(const HistoryResult& h, const CompareFlags& flags) {
  const stats::RunComparison& c = h.runs.comparison;
  std::cout << "baseline:  " << terminal_safe(h.baseline.description) << "\n";
  for (std::size_t i = 0; i < flags.files.size(); ++i) {
    std::cout << fmt::format("candidate: {} ({}, {} samples)\n", terminal_safe(flags.files[i]),
                             terminal_safe(flags.history.model), h.candidate_latency_ms[i].size());
  }
  std::cout << history_headline(c) << "\n"
            << fmt::format("p = {} (t-test on log run medians, {} df), verdict: {}\n",
                           p_text(c.p_value), c.degrees_of_freedom, stats::to_string(c.verdict))
            << fmt::format("  run medians (ms): stored {}; candidate {}\n",
                           medians_text(h.runs.baseline_medians),
                           medians_text(h.runs.candidate_medians))
            << fmt::format(
                   "  run-to-run cv {:.2f} %; the smallest change this comparison can "
                   "call is {:.2f} %\n",
                   100.0 * c.run_to_run_cv, 100.0 * c.detectable_change);
  for (const auto& w : h.runs.warnings) std::cout << "warning: " << terminal_safe(w) << "\n";
  std::cout << gate_line(flags.fail_on, h.gate_failed) << "\n";
}

}  // namespace

json run_comparison_json(const stats::RunSamplesComparison& runs, bool gate_failed,
                         const std::string& unit, const CompareFlags& flags) {
  const stats::RunComparison& c = runs.comparison;
  return json{{"speedup", c.speedup},
              {"speedup_ci95", json::array({c.speedup_ci95.lo, c.speedup_ci95.hi})},
              {"p_value", c.p_value},
              {"t_statistic", std::isfinite(c.t_statistic) ? json(c.t_statistic) : json(nullptr)},
              {"degrees_of_freedom", c.degrees_of_freedom},
              {"run_to_run_cv", c.run_to_run_cv},
              {"detectable_change", c.detectable_change},
              {"verdict", stats::to_string(c.verdict)},
              {"gate_failed", gate_failed},
              {"unit", unit},
              {"warnings", runs.warnings},
              {"settings",
               {{"alpha", flags.options.alpha},
                {"noise", flags.options.noise},
                {"fail_on", flags.fail_on}}}};
}

std::string medians_text(const std::vector<double>& medians) {
  std::string text;
  for (const double m : medians) text += (text.empty() ? "" : ", ") + number_text(m);
  return text;
}

std::optional<RunSpread> stored_run_spread(const CompareFlags& flags,
                                           const std::string& baseline_file,
                                           const std::string& baseline_side) {
  if (flags.history.db.empty()) {
    const std::string location = store::default_store_location();
    if (!store::is_postgres_url(location) && !std::filesystem::exists(location)) {
      return std::nullopt;
    }
  }
  json doc;
  std::string model;
  try {
    doc = load_v1_submission(baseline_file,
                             "--db looks up the stored runs of a tinyperf v1 "
                             "submission's model");
    model = doc.at(baseline_side).at("model_name").get<std::string>();
  } catch (const InputError&) {
    if (!flags.history.db.empty()) throw;  // asked for explicitly: say why it cannot be used
    return std::nullopt;                   // not a v1 submission: nothing to look up
  } catch (const json::exception&) {
    return std::nullopt;  // no such side
  }
  const auto history = open_history(flags.history.db);
  store::HistoryBaseline stored;
  try {
    stored =
        store::history_baseline(*history, store::history_query_for(doc, model, flags.history.runs));
  } catch (const InputError&) {
    return std::nullopt;  // no stored run of that model on this processor and settings
  }
  if (stored.runs.size() < 3) return std::nullopt;
  std::vector<double> medians;
  for (const auto& run : stored.runs) medians.push_back(stats::median(run.latency_ms));
  RunSpread spread;
  spread.cv = stats::between_run_cv(medians);
  spread.degrees_of_freedom = static_cast<std::int64_t>(medians.size()) - 1;
  spread.source = "history";
  spread.stored_runs = stored.runs.size();
  spread.description = stored.description;
  return spread;
}

int run_history(const CompareFlags& flags) {
  if (flags.files.empty()) {
    throw InputError(
        "CANDIDATE is required: tinyperf compare --against-history MODEL "
        "CANDIDATE...");
  }
  const HistoryResult h = compare_with_history(flags);
  if (flags.json) {
    print_json(history_json(h, flags));
  } else {
    print_history(h, flags);
  }
  return h.gate_failed ? kExitFinding : kExitOk;
}

// The flags that only make sense for two sample files are refused with --against-history
// (one-line usage error naming both).
void add_history_flags(CLI::App& command, HistoryFlags& flags) {
  CLI::Option* model = command.add_option(
      "--against-history", flags.model,
      "compare the candidate submissions' MODEL with its stored runs on the same processor, "
      "scenario, batch size and threads (run by run: docs/history.md)");
  model->type_name("MODEL");
  command
      .add_option("--db", flags.db,
                  "the results store: a SQLite file, or a postgresql:// URL (default: "
                  "$TINYPERF_DB, else $XDG_DATA_HOME/tinyperf/history.db, else "
                  "~/.local/share/tinyperf/history.db); also where one run per side of two "
                  "submissions looks up the spread between the stored runs")
      ->check(non_empty_value());
  command.add_option("--history-runs", flags.runs, "how many of the latest stored runs to use")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000}))
      ->capture_default_str();
  for (const char* name : {"--format", "--column", "--side", "--benchmark", "--unit", "--paired",
                           "--seed", "--resamples", "--baseline-side", "--baseline-benchmark",
                           "--baseline-column", "--candidate-side", "--candidate-benchmark",
                           "--candidate-column", "--run-spread", "--baseline", "--candidate"}) {
    model->excludes(command.get_option(name));
  }
}

}  // namespace tinyperf::cli
