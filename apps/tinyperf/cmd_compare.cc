// tinyperf compare BASELINE CANDIDATE: is the candidate faster, slower or the same? The CI
// regression gate (docs/cli.md); the statistics are stats::compare's (docs/methodology.md). The
// command's flags are registered here; --against-history MODEL CANDIDATE... is
// cmd_compare_history.cc.
#include "cmd_compare.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <memory>
#include <system_error>

#include <fmt/core.h>

#include "cli.h"
#include "flag_checks.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/text.h"
#include "tinyperf/stats/run_power.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::cli {

bool fails_gate(stats::Verdict verdict, const std::string& fail_on) {
  const bool faster = verdict == stats::Verdict::kFaster;
  const bool slower = verdict == stats::Verdict::kSlower;
  return (fail_on == "slower" && slower) || (fail_on == "faster" && faster) ||
         (fail_on == "change" && (faster || slower));
}

std::string p_text(double p) {
  return p >= 1e-3 ? fmt::format("{:.3f}", p) : fmt::format("{:.1e}", p);
}

std::string speedup_ci_text(const stats::Interval& ci) {
  return fmt::format("95% CI {:.3f}x-{:.3f}x", ci.lo, ci.hi);
}

std::string gate_line(const std::string& fail_on, bool failed) {
  if (fail_on == "never") return "gate: off (--fail-on never), exit 0";
  return fmt::format("gate (--fail-on {}): {}", fail_on,
                     failed ? "FAILED, exit 1" : "passed, exit 0");
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

namespace {

using nlohmann::json;

struct Result {
  AnalyzedSample baseline;
  AnalyzedSample candidate;
  stats::Comparison comparison;  // within the run; required_runs is for required_runs_delta (1 %)
  // The same carried to the run level with the allowed spread between runs; with a spread of 0,
  // the within-run interval, p-value and verdict.
  stats::OneRunComparison run_level;
  RunSpread spread;  // the spread between runs allowed for, and its source
  bool gate_failed = false;
};

// The run-level side of one run per side (stats::compare_one_run_each, docs/statistics.md).
stats::OneRunComparison one_run_each(const stats::Comparison& c, const RunSpread& spread,
                                     const stats::CompareOptions& o) {
  return stats::compare_one_run_each(c.speedup, c.speedup_ci95, c.p_value, spread.cv,
                                     spread.degrees_of_freedom, o.alpha, o.noise);
}

// --run-spread, else the stored runs of the baseline's model, else the assumed spread.
RunSpread spread_for(const CompareFlags& flags, const AnalyzedSample& baseline) {
  if (flags.run_spread >= 0.0) {
    RunSpread given;
    given.cv = flags.run_spread;
    given.source = "given";
    return given;
  }
  if (baseline.set.format != samples::SampleFormat::kSubmission && !flags.history.db.empty()) {
    throw InputError(fmt::format(
        "--db: {} is a {} file; the stored spread between runs is looked up for tinyperf "
        "submissions only (--run-spread states it for other files)",
        flags.baseline_file, samples::to_string(baseline.set.format)));
  }
  if (baseline.set.format == samples::SampleFormat::kSubmission) {
    const std::string side = side_options(flags, flags.baseline).side;
    if (auto stored = stored_run_spread(flags, flags.baseline_file, side)) return *stored;
  }
  return RunSpread{};
}

json result_json(const Result& r, const CompareFlags& flags) {
  const stats::Comparison& c = r.comparison;
  const stats::CompareOptions& o = flags.options;
  const stats::OneRunComparison& run = r.run_level;
  return json{{"mode", "one_run"},
              {"baseline", analysis_json(r.baseline)},
              {"candidate", analysis_json(r.candidate)},
              {"speedup", c.speedup},
              {"speedup_ci95", json::array({run.speedup_ci95.lo, run.speedup_ci95.hi})},
              {"p_value", run.p_value},
              {"verdict", stats::to_string(run.verdict)},
              {"between_run_cv", run.between_run_cv},
              {"between_run_cv_source", r.spread.source},
              {"between_run_cv_stored_runs", r.spread.stored_runs},
              {"within_run",
               {{"speedup_ci95", json::array({c.speedup_ci95.lo, c.speedup_ci95.hi})},
                {"p_value", c.p_value},
                {"welch_p_value", c.welch_p_value},
                {"verdict", stats::to_string(c.verdict)}}},
              {"welch_p_value", c.welch_p_value},
              {"hodges_lehmann_shift", c.hodges_lehmann_shift},
              {"cohens_d", c.cohens_d},
              {"required_runs", c.required_runs},
              {"gate_failed", r.gate_failed},
              {"unit", samples::to_string(r.baseline.set.unit)},
              {"settings",
               {{"alpha", o.alpha},
                {"noise", o.noise},
                {"resamples", o.resamples},
                {"seed", o.seed},
                {"paired", o.paired},
                {"fail_on", flags.fail_on},
                {"required_runs_delta", o.required_runs_delta},
                {"run_spread", r.run_level.between_run_cv}}}};
}

// Two lines: the speedup read unambiguously (below 1 also as "takes N x as long"), then the tests
// and the verdict.
std::string headline(const stats::Comparison& c) {
  const std::string ci = speedup_ci_text(c.speedup_ci95);
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
  return fmt::format("{}\nwithin this run: p = {} (Mann-Whitney U), Welch p = {}, verdict: {}",
                     text, p_text(c.p_value), p_text(c.welch_p_value), stats::to_string(c.verdict));
}

// What one run per side can say about the spread between runs it does not see.
std::string run_level_text(const Result& r) {
  const stats::OneRunComparison& run = r.run_level;
  if (run.between_run_cv == 0.0) {
    return "one run per side, spread between runs taken as 0 (--run-spread 0): the verdict is "
           "the within-run one";
  }
  std::string source;
  if (r.spread.source == "given") {
    source = "--run-spread";
  } else if (r.spread.source == "history") {
    source = fmt::format("the spread of the stored runs, {}", terminal_safe(r.spread.description));
  } else {
    source = "assumed: docs/methodology.md, \"One run per side\"; --run-spread sets it";
  }
  return fmt::format(
      "one run per side: the spread between runs is unseen; allowing {:.1f} %\n  ({})\n"
      "run level: {}, p = {}, verdict: {}",
      100.0 * run.between_run_cv, source, speedup_ci_text(run.speedup_ci95), p_text(run.p_value),
      stats::to_string(run.verdict));
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
            << headline(c) << "\n"
            << run_level_text(r) << "\n";
  print_sides(r);
  std::cout << fmt::format(
      "effect: Hodges-Lehmann shift {} {} (candidate - baseline), Cohen's d {}\n",
      number_text(c.hodges_lehmann_shift), samples::to_string(r.baseline.set.unit),
      number_text(c.cohens_d));
  for (const auto& w : r.baseline.warnings) std::cout << "warning (baseline): " << w << "\n";
  for (const auto& w : r.candidate.warnings) std::cout << "warning (candidate): " << w << "\n";
  const stats::OneRunComparison& run = r.run_level;
  if (run.verdict == stats::Verdict::kInconclusive && c.verdict != stats::Verdict::kInconclusive) {
    const double cv = run.between_run_cv;
    std::cout << fmt::format(
        "hint: the within-run verdict ({}) is within what the spread between runs could explain;\n"
        "  time several runs per side (--baseline F1 F2 ... --candidate G1 G2 ...): at {:.1f} %\n"
        "  spread, 10 runs per side detect a {:.1f} % change 80 % of the time\n",
        stats::to_string(c.verdict), 100.0 * cv,
        100.0 * stats::smallest_detectable_change(cv, 10, 10, flags.options.alpha, 0.8));
  } else if (c.verdict == stats::Verdict::kInconclusive) {
    std::cout << fmt::format(
        "hint: inconclusive; about {} runs per side would detect a {} % change at this noise "
        "(power 0.8, alpha {})\n",
        c.required_runs, 100.0 * flags.options.required_runs_delta, flags.options.alpha);
  }
  std::cout << gate_line(flags.fail_on, r.gate_failed) << "\n";
}

int run_files(const CompareFlags& flags) {
  Result r;
  r.baseline = load_side(flags.baseline_file, side_options(flags, flags.baseline));
  r.candidate = load_side(flags.candidate_file, side_options(flags, flags.candidate));
  const auto hyperfine = samples::SampleFormat::kHyperfine;
  if (r.baseline.set.format == hyperfine && r.candidate.set.format == hyperfine) {
    if (flags.options.paired || flags.run_spread >= 0.0 || !flags.history.db.empty()) {
      throw InputError(fmt::format(
          "{}: hyperfine files hold one value per process, compared as runs, whose spread is "
          "measured",
          flags.options.paired      ? "--paired"
          : flags.run_spread >= 0.0 ? "--run-spread"
                                    : "--db"));
    }
    return run_hyperfine_pair(flags, r.baseline, r.candidate);
  }
  const auto& a = r.baseline.set.values;
  const auto& b = r.candidate.set.values;
  if (flags.options.paired && a.size() != b.size()) {
    throw InputError(fmt::format("--paired: baseline {} has {} values but candidate {} has {}",
                                 flags.baseline_file, a.size(), flags.candidate_file, b.size()));
  }
  r.comparison = stats::compare(a, b, flags.options);
  r.spread = spread_for(flags, r.baseline);
  r.run_level = one_run_each(r.comparison, r.spread, flags.options);
  r.gate_failed = fails_gate(r.run_level.verdict, flags.fail_on);
  if (flags.json) {
    print_json(result_json(r, flags));
  } else {
    print_result(r, flags);
  }
  return r.gate_failed ? kExitFinding : kExitOk;
}

int run_compare(CompareFlags flags) {
  if (!flags.history.model.empty()) return run_history(flags);
  if (!flags.baseline_runs.empty() || !flags.candidate_runs.empty()) {
    if (!flags.files.empty()) {
      throw InputError(
          "give the files either as BASELINE CANDIDATE or as --baseline F... --candidate G..., "
          "not both");
    }
    if (!flags.history.db.empty()) {
      throw InputError(
          "--db is for --against-history and for one run per side; with --baseline/--candidate "
          "the spread between runs is measured");
    }
    return run_several(flags);
  }
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
      ->transform(fraction_check(0.0, 1.0, true, true))
      ->capture_default_str();
  command
      .add_option("--noise", flags.options.noise,
                  "relative band around speedup 1 treated as no change, in [0, 0.5] (0.01 or 1%)")
      ->transform(fraction_check(0.0, 0.5))
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
  command
      .add_option("--run-spread", flags.run_spread,
                  "with one run per side: the spread between runs (cv of run medians, e.g. 0.05) "
                  "to allow for; 0 = judge by the within-run interval alone (default: for "
                  "tinyperf submissions, the spread of the baseline model's stored runs when the "
                  "history has 3 or more; else 0.1, docs/methodology.md, One run per side)")
      ->transform(fraction_check(0.0, 1.0));
  command.add_flag(
      "--paired", flags.options.paired,
      "value i of both sides was measured in the same interleaved round: resample rounds");
}

void add_flags(CLI::App& cmd, CompareFlags& f) {
  cmd.add_option("FILES", f.files,
                 "BASELINE CANDIDATE: the two sample files; with --against-history MODEL: "
                 "CANDIDATE..., one or more submissions (runs of the candidate)");
  cmd.add_option("--baseline", f.baseline_runs,
                 "several runs of the baseline, one file per run (each from its own process); "
                 "with --candidate: compared at the run level")
      ->type_name("FILE");
  cmd.add_option("--candidate", f.candidate_runs, "several runs of the candidate, one file per run")
      ->type_name("FILE");
  add_sample_input_flags(cmd, f.input);
  add_side_flags(cmd, "baseline", f.baseline);
  add_side_flags(cmd, "candidate", f.candidate);
  add_statistics_flags(cmd, f);
  add_history_flags(cmd, f.history);
  cmd.add_flag("--json", f.json, "print one JSON document on stdout instead of the summary");
}

}  // namespace

const AddCommand add_compare_command = &bound_command<CompareFlags, add_flags, run_compare>;

}  // namespace tinyperf::cli
