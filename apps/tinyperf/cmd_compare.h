// What the two modes of `tinyperf compare` share: the flags, the gate, and the text of p-values,
// intervals and the gate line. The comparison of two sample files lives in cmd_compare.cc (which
// also registers the command), the comparison with the stored history in cmd_compare_history.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cmd_analyze.h"
#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/runs.h"
#include "tinyperf/store/history.h"

namespace tinyperf::cli {

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
  std::vector<std::string> baseline_runs;   // --baseline F1 F2 ...: one run per file
  std::vector<std::string> candidate_runs;  // --candidate G1 G2 ...
  // --run-spread CV: the between-run cv a one-run-per-side comparison allows for; < 0 = not given
  // (then stats::kAssumedBetweenRunCv).
  double run_spread = -1.0;
  std::string baseline_file;   // files[0] of an ordinary comparison
  std::string candidate_file;  // files[1] of an ordinary comparison
  HistoryFlags history;
  SampleInputFlags input;
  SideFlags baseline;
  SideFlags candidate;
  stats::CompareOptions options;
  std::string fail_on = "slower";  // --fail-on slower|faster|change|never
  bool json = false;
};

// Whether `verdict` matches --fail-on (change: faster or slower; never: nothing).
bool fails_gate(stats::Verdict verdict, const std::string& fail_on);

// "0.012", or "1.2e-05" below 0.001.
std::string p_text(double p);

// "95% CI 0.950x-1.050x".
std::string speedup_ci_text(const stats::Interval& ci);

// The last line of the human output: "gate: off (--fail-on never), exit 0" or
// "gate (--fail-on slower): FAILED, exit 1" / "...: passed, exit 0".
std::string gate_line(const std::string& fail_on, bool failed);

// The samples of one file checked for a comparison: at least 2 values, all > 0 (InputError naming
// the file otherwise). cmd_compare.cc.
AnalyzedSample load_side(const std::string& path, const samples::SampleFileOptions& options);

// The reader options of one side: --format etc., with that side's --baseline-side etc. on top.
samples::SampleFileOptions side_options(const CompareFlags& flags, const SideFlags& side);

// --baseline F1 F2 ... --candidate G1 G2 ...: each file one run (a hyperfine file: each of its
// values one run), compared at the run level (cmd_compare_runs.cc). Returns the exit code.
int run_several(const CompareFlags& flags);

// BASELINE CANDIDATE, both hyperfine files: each value is one process already, so the values are
// compared as runs (cmd_compare_runs.cc). Returns the exit code.
int run_hyperfine_pair(const CompareFlags& flags, const AnalyzedSample& baseline,
                       const AnalyzedSample& candidate);

// The spread between runs that a comparison of one run per side allows for, and where it comes
// from: "given" (--run-spread), "history" (the stored runs of the baseline's model on this
// processor and settings), or "assumed" (stats::kAssumedBetweenRunCv).
struct RunSpread {
  double cv = stats::kAssumedBetweenRunCv;
  std::int64_t degrees_of_freedom = 0;  // stored runs - 1; 0 = taken as known (normal)
  std::string source = "assumed";
  std::size_t stored_runs = 0;
  std::string description;  // for the text output, e.g. "6 stored runs of mlp_fp32 in ..."
};

// The spread of the stored runs of the model on `baseline_side` of the v1 submission
// `baseline_file` (cmd_compare_history.cc): from --db, else the default history when it exists;
// empty when there is no history, the file is not a v1 submission, or fewer than 3 runs match.
// Throws what opening --db throws (a --db that does not exist is the user's error).
std::optional<RunSpread> stored_run_spread(const CompareFlags& flags,
                                           const std::string& baseline_file,
                                           const std::string& baseline_side);

// The keys every run-level comparison prints (cmd_compare_history.cc): speedup, speedup_ci95,
// p_value, t_statistic (null when infinite), degrees_of_freedom, run_to_run_cv,
// detectable_change, verdict, gate_failed, unit, warnings and settings {alpha, noise, fail_on};
// each mode adds its own (mode, baseline, candidate, ...).
nlohmann::json run_comparison_json(const stats::RunSamplesComparison& runs, bool gate_failed,
                                   const std::string& unit, const CompareFlags& flags);

// "9.8, 9.88, 9.96": run medians for the text output.
std::string medians_text(const std::vector<double>& medians);

// --against-history MODEL CANDIDATE...: the candidate runs against the stored runs
// (cmd_compare_history.cc). Returns the exit code; throws InputError / IoError naming the file.
int run_history(const CompareFlags& flags);

// Adds --against-history, --db and --history-runs to `command` (after the file-comparison flags,
// which --against-history excludes), bound to `flags`.
void add_history_flags(CLI::App& command, HistoryFlags& flags);

}  // namespace tinyperf::cli
