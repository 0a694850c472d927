// tinyperf compare BASELINE CANDIDATE: is the candidate faster, slower or the same? The CI
// regression gate of spec/cli.md; the statistics are spec/statistics.md "Comparing a baseline A
// with a candidate B". With --against-history MODEL CANDIDATE...: the candidate runs of MODEL
// against its stored runs on the same processor, compared run by run (docs/history.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

#include <fmt/core.h>

#include "cli.h"
#include "cmd_analyze.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"
#include "tinyperf/store/history.h"
#include "tinyperf/submission/submission.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::cli {
namespace {

using nlohmann::json;

// required_runs is reported for this relative change (spec/cli.md: "for a 1 % change").
constexpr double kRequiredRunsDelta = 0.01;

struct SideFlags {
  std::string side;       // overrides --side for this input when not empty
  std::string benchmark;  // overrides --benchmark
  std::string column;     // overrides --column
};

struct HistoryFlags {
  std::string model;  // --against-history MODEL; "" = an ordinary comparison of two files
  std::string db;     // --db; "" = the default history location
  std::size_t runs = store::kDefaultHistoryRuns;  // --history-runs
};

struct CompareFlags {
  std::vector<std::string> files;  // BASELINE CANDIDATE, or with --against-history CANDIDATE...
  std::string baseline_file;       // files[0] of an ordinary comparison
  std::string candidate_file;      // files[1] of an ordinary comparison
  HistoryFlags history;
  SampleInputFlags input;
  SideFlags baseline;
  SideFlags candidate;
  stats::CompareOptions options;
  std::string fail_on = "slower";
  bool json = false;
};

// A CLI11 check that the flag's text is a finite number accepted by `ok`.
CLI::Validator number_check(bool (*ok)(double), const std::string& what) {
  return CLI::Validator(
      [ok, what](std::string& text) -> std::string {
        double value = 0.0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool whole = ec == std::errc() && end == text.data() + text.size();
        if (whole && std::isfinite(value) && ok(value)) return "";
        return fmt::format("must be {}, got \"{}\"", what, text);
      },
      what);
}

samples::SampleFileOptions side_options(const CompareFlags& flags, const SideFlags& side) {
  samples::SampleFileOptions options = to_options(flags.input);
  if (!side.side.empty()) options.side = side.side;
  if (!side.benchmark.empty()) options.benchmark = side.benchmark;
  if (!side.column.empty()) options.column = side.column;
  return options;
}

// Reads one side and checks what a comparison needs beyond analyze: two values and positive times.
AnalyzedSample load_side(const std::string& path, const samples::SampleFileOptions& options) {
  AnalyzedSample sample = analyze_sample(path, options);
  const auto& values = sample.set.values;
  if (values.size() < 2) {
    const bool gbench = sample.set.format == samples::SampleFormat::kGoogleBenchmark;
    throw InputError(
        fmt::format("{}: compare needs at least 2 values per side{}", sample.set.source,
                    gbench ? " (run the benchmark with --benchmark_repetitions=N)" : ""));
  }
  const auto bad = std::find_if(values.begin(), values.end(), [](double v) { return !(v > 0.0); });
  if (bad != values.end()) {
    throw InputError(
        fmt::format("{}: value {} (number {}) is not > 0; compare needs positive times",
                    sample.set.source, number_text(*bad), bad - values.begin() + 1));
  }
  return sample;
}

bool fails_gate(stats::Verdict verdict, const std::string& fail_on) {
  const bool faster = verdict == stats::Verdict::kFaster;
  const bool slower = verdict == stats::Verdict::kSlower;
  return (fail_on == "slower" && slower) || (fail_on == "faster" && faster) ||
         (fail_on == "change" && (faster || slower));
}

struct Result {
  AnalyzedSample baseline;
  AnalyzedSample candidate;
  stats::Comparison comparison;
  std::size_t required_runs = 0;  // for a 1 % change at the larger cv of the two sides
  bool gate_failed = false;
};

json result_json(const Result& r, const CompareFlags& flags) {
  const stats::Comparison& c = r.comparison;
  const stats::CompareOptions& o = flags.options;
  return json{{"baseline", analysis_json(r.baseline)},
              {"candidate", analysis_json(r.candidate)},
              {"speedup", c.speedup},
              {"speedup_ci95", json::array({c.speedup_ci95.lo, c.speedup_ci95.hi})},
              {"p_value", c.p_value},
              {"welch_p_value", c.welch_p_value},
              {"hodges_lehmann_shift", c.hodges_lehmann_shift},
              {"cohens_d", c.cohens_d},
              {"verdict", stats::to_string(c.verdict)},
              {"required_runs", r.required_runs},
              {"gate_failed", r.gate_failed},
              {"unit", samples::to_string(r.baseline.set.unit)},
              {"settings",
               {{"alpha", o.alpha},
                {"noise", o.noise},
                {"resamples", o.resamples},
                {"seed", o.seed},
                {"paired", o.paired},
                {"fail_on", flags.fail_on},
                {"required_runs_delta", kRequiredRunsDelta}}}};
}

std::string p_text(double p) {
  return p >= 1e-3 ? fmt::format("{:.3f}", p) : fmt::format("{:.1e}", p);
}

// Two lines: the speedup read unambiguously (below 1 also as "takes N x as long"), then the tests
// and the verdict.
std::string headline(const stats::Comparison& c) {
  const std::string ci =
      fmt::format("95% CI {:.3f}x-{:.3f}x", c.speedup_ci95.lo, c.speedup_ci95.hi);
  std::string text;
  if (c.speedup > 1.0) {
    text = fmt::format("candidate is {:.3f}x faster than baseline ({})", c.speedup, ci);
  } else if (c.speedup < 1.0) {
    text = fmt::format(
        "candidate is slower than baseline: speedup {:.3f}x ({}), it takes {:.3f}x as long",
        c.speedup, ci, 1.0 / c.speedup);
  } else {
    text = fmt::format("candidate and baseline have the same median: speedup 1.000x ({})", ci);
  }
  return fmt::format("{}\np = {} (Mann-Whitney U), Welch p = {}, verdict: {}", text,
                     p_text(c.p_value), p_text(c.welch_p_value), stats::to_string(c.verdict));
}

void print_sides(const Result& r) {
  const char* unit = samples::to_string(r.baseline.set.unit);
  const auto row = [](const std::string& label, const std::string& a, const std::string& b) {
    std::cout << fmt::format("  {:<16}{:<26}{}\n", label, a, b);
  };
  const stats::Summary& a = r.baseline.summary;
  const stats::Summary& b = r.candidate.summary;
  row("", "baseline", "candidate");
  row("n", std::to_string(a.count), std::to_string(b.count));
  row(fmt::format("median ({})", unit), number_text(a.median), number_text(b.median));
  row("median 95% CI", interval_text(a.ci95_median, "n < 6"),
      interval_text(b.ci95_median, "n < 6"));
  row(fmt::format("mean ({})", unit), number_text(a.mean), number_text(b.mean));
  row("cv", number_text(a.cv), number_text(b.cv));
}

void print_result(const Result& r, const CompareFlags& flags) {
  const stats::Comparison& c = r.comparison;
  std::cout << "baseline:  " << terminal_safe(r.baseline.set.source)
            << "\ncandidate: " << terminal_safe(r.candidate.set.source) << "\n"
            << headline(c) << "\n";
  print_sides(r);
  std::cout << fmt::format(
      "effect: Hodges-Lehmann shift {} {} (candidate - baseline), Cohen's d {}\n",
      number_text(c.hodges_lehmann_shift), samples::to_string(r.baseline.set.unit),
      number_text(c.cohens_d));
  for (const auto& w : r.baseline.warnings) std::cout << "warning (baseline): " << w << "\n";
  for (const auto& w : r.candidate.warnings) std::cout << "warning (candidate): " << w << "\n";
  if (c.verdict == stats::Verdict::kInconclusive) {
    std::cout << fmt::format(
        "hint: inconclusive; about {} runs per side would detect a 1 % change at this noise "
        "(power 0.8, alpha {})\n",
        r.required_runs, flags.options.alpha);
  }
  if (flags.fail_on == "never") {
    std::cout << "gate: off (--fail-on never), exit 0\n";
  } else {
    std::cout << fmt::format("gate (--fail-on {}): {}\n", flags.fail_on,
                             r.gate_failed ? "FAILED, exit 1" : "passed, exit 0");
  }
}

int run_files(const CompareFlags& flags) {
  Result r;
  r.baseline = load_side(flags.baseline_file, side_options(flags, flags.baseline));
  r.candidate = load_side(flags.candidate_file, side_options(flags, flags.candidate));
  const auto& a = r.baseline.set.values;
  const auto& b = r.candidate.set.values;
  if (flags.options.paired && a.size() != b.size()) {
    throw InputError(fmt::format("--paired: baseline {} has {} values but candidate {} has {}",
                                 flags.baseline_file, a.size(), flags.candidate_file, b.size()));
  }
  r.comparison = stats::compare(a, b, flags.options);
  r.required_runs = stats::required_runs(std::max(r.baseline.summary.cv, r.candidate.summary.cv),
                                         kRequiredRunsDelta, flags.options.alpha);
  r.gate_failed = fails_gate(r.comparison.verdict, flags.fail_on);
  if (flags.json) {
    print_json(result_json(r, flags));
  } else {
    print_result(r, flags);
  }
  return r.gate_failed ? kExitFinding : kExitOk;
}

// --- --against-history: the candidate runs against the stored runs (docs/history.md).

struct HistoryResult {
  store::HistoryCheck check;
  bool gate_failed = false;
};

// A valid tinyperf v1 submission: the only kind the history stores and compares.
nlohmann::json load_v1(const std::string& file) {
  nlohmann::json doc = submission::load_submission(file);
  const auto format = submission::detect_submission_format(doc);
  if (format != submission::SubmissionFormat::kTinyperfV1) {
    throw InputError(
        fmt::format("{}: a {} submission; --against-history compares tinyperf v1 "
                    "submissions only (they carry raw samples and the processor)",
                    file, submission::to_string(format)));
  }
  return doc;
}

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

HistoryResult compare_with_history(const CompareFlags& flags) {
  std::vector<nlohmann::json> docs;
  for (const auto& file : flags.files) docs.push_back(load_v1(file));
  const auto history = open_history(flags.history.db);
  HistoryResult h;
  h.check =
      store::compare_with_history(*history, docs, flags.files, flags.history.model,
                                  {flags.history.runs, flags.options.alpha, flags.options.noise});
  h.gate_failed = fails_gate(h.check.comparison.verdict, flags.fail_on);
  return h;
}

json finite_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

// The stored runs used, newest first: {id, time, git_commit, count, median}.
json stored_runs_json(const store::HistoryCheck& k) {
  json runs = json::array();
  for (std::size_t i = 0; i < k.baseline.runs.size(); ++i) {
    const auto& run = k.baseline.runs[i];
    runs.push_back({{"id", run.id},
                    {"time", run.timestamp},
                    {"git_commit", run.git_commit},
                    {"count", run.latency_ms.size()},
                    {"median", k.baseline_medians_ms[i]}});
  }
  return runs;
}

// The candidate runs, in the order given: {file, count, median}.
json candidate_runs_json(const store::HistoryCheck& k, const std::vector<std::string>& files) {
  json runs = json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    runs.push_back({{"file", files[i]},
                    {"count", k.candidate_latency_ms[i].size()},
                    {"median", k.candidate_medians_ms[i]}});
  }
  return runs;
}

json history_json(const HistoryResult& h, const CompareFlags& flags) {
  const store::HistoryCheck& k = h.check;
  const store::RunComparison& c = k.comparison;
  const store::HistoryQuery& q = k.query;
  return json{{"mode", "history"},
              {"model", q.model},
              {"baseline",
               {{"description", k.baseline.description},
                {"processor", q.processor},
                {"scenario", q.scenario},
                {"batch_size", *q.batch_size},
                {"threads", *q.threads},
                {"runs", stored_runs_json(k)}}},
              {"candidate", {{"runs", candidate_runs_json(k, flags.files)}}},
              {"speedup", c.speedup},
              {"speedup_ci95", json::array({c.speedup_ci95.lo, c.speedup_ci95.hi})},
              {"p_value", c.p_value},
              {"t_statistic", finite_or_null(c.t_statistic)},
              {"degrees_of_freedom", c.degrees_of_freedom},
              {"run_to_run_cv", c.run_to_run_cv},
              {"detectable_change", c.detectable_change},
              {"verdict", stats::to_string(c.verdict)},
              {"gate_failed", h.gate_failed},
              {"unit", "ms"},
              {"warnings", k.warnings},
              {"settings",
               {{"alpha", flags.options.alpha},
                {"noise", flags.options.noise},
                {"fail_on", flags.fail_on},
                {"history_runs", flags.history.runs}}}};
}

std::string medians_text(const std::vector<double>& medians) {
  std::string text;
  for (const double m : medians) text += (text.empty() ? "" : ", ") + number_text(m);
  return text;
}

// Neutral wording: the verdict line says whether the difference counts.
std::string history_headline(const store::RunComparison& c) {
  const std::string ci =
      fmt::format("95% CI {:.3f}x-{:.3f}x", c.speedup_ci95.lo, c.speedup_ci95.hi);
  if (c.speedup >= 1.0) {
    return fmt::format("speedup over the stored runs: {:.3f}x ({})", c.speedup, ci);
  }
  return fmt::format(
      "speedup over the stored runs: {:.3f}x ({}): the candidate takes {:.3f}x as "
      "long",
      c.speedup, ci, 1.0 / c.speedup);
}

void print_history(const HistoryResult& h, const CompareFlags& flags) {
  const store::HistoryCheck& k = h.check;
  const store::RunComparison& c = k.comparison;
  std::cout << "baseline:  " << terminal_safe(k.baseline.description) << "\n";
  for (std::size_t i = 0; i < flags.files.size(); ++i) {
    std::cout << fmt::format("candidate: {} ({}, {} samples)\n", terminal_safe(flags.files[i]),
                             terminal_safe(flags.history.model), k.candidate_latency_ms[i].size());
  }
  std::cout << history_headline(c) << "\n"
            << fmt::format("p = {} (t-test on log run medians, {} df), verdict: {}\n",
                           p_text(c.p_value), c.degrees_of_freedom, stats::to_string(c.verdict))
            << fmt::format("  run medians (ms): stored {}; candidate {}\n",
                           medians_text(k.baseline_medians_ms),
                           medians_text(k.candidate_medians_ms))
            << fmt::format(
                   "  run-to-run cv {:.2f} %; the smallest change this comparison can "
                   "call is {:.2f} %\n",
                   100.0 * c.run_to_run_cv, 100.0 * c.detectable_change);
  for (const auto& w : k.warnings) std::cout << "warning: " << terminal_safe(w) << "\n";
  if (flags.fail_on == "never") {
    std::cout << "gate: off (--fail-on never), exit 0\n";
  } else {
    std::cout << fmt::format("gate (--fail-on {}): {}\n", flags.fail_on,
                             h.gate_failed ? "FAILED, exit 1" : "passed, exit 0");
  }
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

int run_compare(CompareFlags flags) {
  if (!flags.history.model.empty()) return run_history(flags);
  if (flags.files.size() != 2) {
    throw InputError(flags.files.size() < 2
                         ? "CANDIDATE is required: tinyperf compare BASELINE CANDIDATE (or "
                           "--against-history MODEL CANDIDATE...)"
                         : fmt::format("compare takes two files, BASELINE and CANDIDATE, got {}; "
                                       "several candidates only with --against-history",
                                       flags.files.size()));
  }
  flags.baseline_file = flags.files[0];
  flags.candidate_file = flags.files[1];
  return run_files(flags);
}

void add_side_flags(CLI::App& command, const std::string& name, SideFlags& side) {
  command.add_option("--" + name + "-side", side.side, "--side for the " + name + " only")
      ->check(CLI::IsMember({"baseline", "optimized"}));
  command.add_option("--" + name + "-benchmark", side.benchmark,
                     "--benchmark for the " + name + " only");
  command.add_option("--" + name + "-column", side.column, "--column for the " + name + " only");
}

void add_statistics_flags(CLI::App& command, CompareFlags& flags) {
  command
      .add_option("--alpha", flags.options.alpha,
                  "significance level, in (0, 1), of the Mann-Whitney U test (with "
                  "--against-history: of the t-test on run medians)")
      ->check(number_check([](double v) { return v > 0.0 && v < 1.0; }, "a number in (0, 1)"))
      ->capture_default_str();
  command
      .add_option("--noise", flags.options.noise,
                  "relative band around speedup 1 treated as no change, >= 0")
      ->check(number_check([](double v) { return v >= 0.0; }, "a number >= 0"))
      ->capture_default_str();
  command
      .add_option("--fail-on", flags.fail_on,
                  "verdict that makes the command exit 1 (change: faster or slower)")
      ->check(CLI::IsMember({"slower", "faster", "change", "never"}))
      ->capture_default_str();
  command
      .add_option("--seed", flags.options.seed,
                  "seed of the bootstrap interval (an unsigned 64-bit integer)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            std::uint64_t value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec == std::errc() && end == text.data() + text.size()) return "";
            return fmt::format("must be an integer in [0, 2^64 - 1], got \"{}\"", text);
          },
          "UINT64"))
      ->capture_default_str();
  command.add_option("--resamples", flags.options.resamples, "bootstrap resamples")
      ->check(CLI::Range(std::size_t{10'000}, std::size_t{100'000'000}))
      ->capture_default_str();
  command.add_flag(
      "--paired", flags.options.paired,
      "value i of both sides was measured in the same interleaved round: resample rounds");
}

// --against-history and its flags; the flags that only make sense for two sample files are
// refused with it (one-line usage error naming both).
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
                  "~/.local/share/tinyperf/history.db)")
      ->needs(model);
  command.add_option("--history-runs", flags.runs, "how many of the latest stored runs to use")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000}))
      ->capture_default_str()
      ->needs(model);
  for (const char* name :
       {"--format", "--column", "--side", "--benchmark", "--unit", "--paired", "--seed",
        "--resamples", "--baseline-side", "--baseline-benchmark", "--baseline-column",
        "--candidate-side", "--candidate-benchmark", "--candidate-column"}) {
    model->excludes(command.get_option(name));
  }
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<CompareFlags>();
  CLI::App* command = app.add_subcommand("compare",
                                         "Is the candidate faster, slower, or the same as the "
                                         "baseline? Exit 1 when the verdict matches "
                                         "--fail-on (a CI regression gate).");
  command->add_option("FILES", flags->files,
                      "BASELINE CANDIDATE: the two sample files; with --against-history MODEL: "
                      "CANDIDATE..., one or more submissions (runs of the candidate)");
  add_sample_input_flags(*command, flags->input);
  add_side_flags(*command, "baseline", flags->baseline);
  add_side_flags(*command, "candidate", flags->candidate);
  add_statistics_flags(*command, *flags);
  add_history_flags(*command, flags->history);
  command->add_flag("--json", flags->json,
                    "print one JSON document on stdout instead of the summary");
  command->footer(
      "Exit codes: 0 the gate passed, 1 the verdict matches --fail-on, 2 bad usage or input "
      "(one line on stderr; also: no stored run to compare with), 3 internal error.\n");
  command->callback([flags, &action] { action = [flags] { return run_compare(*flags); }; });
}

}  // namespace tinyperf::cli
