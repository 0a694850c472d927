// Comparing new runs with the stored history of a model: what
// `tinyperf compare --against-history MODEL CANDIDATE...` uses (spec/cli.md; docs/history.md
// explains the method and why).
//
// The unit of comparison is the run, not the sample. Two runs of the same program on the same
// machine differ by more than their own samples suggest (process start, memory layout, the state
// of a shared machine), and the samples of one run share that run's conditions, so a test that
// treats every sample of every run as independent calls that run-to-run spread a regression.
// Here each run is summarized by the median of its raw latency samples, and the stored runs'
// medians are compared with the candidate runs' medians by a two-sample t-test on their
// logarithms with a pooled variance (compare_runs). With one candidate run this is the Student-t
// prediction interval of a new run given the history, the rule Bencher's t-test threshold uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/stats/compare.h"
#include "tinyperf/store/store.h"

namespace tinyperf::store {

// How many stored runs make the baseline by default: enough for a usable estimate of the
// run-to-run spread (t(0.975, 9) = 2.26 against 2.78 with 5 runs), few enough that the baseline
// describes the program as it is now, not months ago.
inline constexpr std::size_t kDefaultHistoryRuns = 10;

// Which stored runs make a history baseline.
struct HistoryQuery {
  std::string model{};                       // model_name of the side to compare (required)
  std::string processor{};                   // system_info.processor the runs must share (required)
  std::string scenario{};                    // settings.scenario; "" = any
  std::optional<std::int64_t> batch_size{};  // settings.batch_size; empty = any
  std::optional<std::int64_t> threads{};     // settings.threads; empty = any
  // SHA-256 of the stored submission text (RunRow::submission_sha256) of runs to leave out: the
  // candidates themselves, when they are already stored.
  std::vector<std::string> exclude_submission_sha256{};
  std::size_t max_runs = kDefaultHistoryRuns;  // the latest this many matching runs, >= 1
};

// The query that matches `candidates` (v1 submissions, at least one): `model` on their processor,
// scenario, batch size and thread count, leaving out the candidates' own stored copies.
// `sources` names the candidates in messages (file paths), one per candidate.
// Throws InputError as ResultsStore::record_run does for a document it cannot index, when the
// candidates differ in processor, scenario, batch size or threads (naming both values and
// sources), when there is no candidate or sources.size() differs, and for max_runs == 0.
HistoryQuery history_query_for(const std::vector<nlohmann::json>& candidates,
                               const std::vector<std::string>& sources, const std::string& model,
                               std::size_t max_runs = kDefaultHistoryRuns);

// The same for one candidate named "candidate" in messages.
HistoryQuery history_query_for(const nlohmann::json& candidate, const std::string& model,
                               std::size_t max_runs = kDefaultHistoryRuns);

// One stored run of the baseline.
struct HistoryRun {
  std::int64_t id = 0;
  std::string timestamp;           // the submission's timestamp
  std::string git_commit;          // as listed by the store
  std::vector<double> latency_ms;  // the model's raw latency samples in that run, in ms
};

struct HistoryBaseline {
  std::vector<HistoryRun> runs;  // the runs used, newest first
  std::string description;       // for messages, e.g. "history /x/history.db: mlp_fp32 on
                                 // AMD EPYC 9R14 (single_stream, batch size 1, 1 thread),
                                 // runs 9, 8, 7 (3 runs, 300 samples)"
};

// Reads the baseline `query` selects from `store`: the latest query.max_runs runs that measured
// query.model with at least one latency sample, match the query and are not excluded, with that
// model's samples from each run's stored submission.
// Throws InputError when no stored run matches (the message names the model, processor and
// settings, and the store's location), when query.model or query.processor is empty or max_runs
// is 0, or when a stored sample is not a finite number > 0; IoError as the store does.
HistoryBaseline history_baseline(ResultsStore& store, const HistoryQuery& query);

// The raw latency samples (ms) of the side of `submission` whose model_name is `model`: the
// baseline, else the optimized side, else the first candidate of that name that holds samples.
// `source` names the document in messages (a path, or "history.db run 7").
// Throws InputError when no side of that name holds samples.latency_ms (the message lists the
// model names present) or a sample is not a finite number > 0 (naming its JSON path).
std::vector<double> model_latency_samples(const nlohmann::json& submission,
                                          const std::string& model, const std::string& source);

// Result of compare_runs. Medians in ms; relative quantities as fractions (0.02 = 2 %).
struct RunComparison {
  // speedup = exp(mean(ln baseline medians) - mean(ln candidate medians)): the ratio of the
  // geometric means of the run medians; > 1 means the candidate is faster.
  double speedup = 1.0;
  stats::Interval speedup_ci95;  // exp(d -+ t(0.975, df) * se), d = ln speedup
  double t_statistic = 0.0;      // d / se; +-infinity when se = 0 and d != 0, 0 when both are 0
  std::int64_t degrees_of_freedom = 0;  // runs in all - 2
  double p_value = 1.0;                 // two-sided, Student t with degrees_of_freedom
  // The spread between runs: sqrt(exp(s^2) - 1) for the pooled standard deviation s of the log
  // medians (the cv of a log-normal with that s; about s itself for small s).
  double run_to_run_cv = 0.0;
  // The smallest change the interval can exclude 1 for: exp(t(0.975, df) * se) - 1. A real change
  // smaller than this cannot come out faster or slower; more runs (on either side) lower it.
  double detectable_change = 0.0;
  stats::Verdict verdict = stats::Verdict::kInconclusive;  // stats::decide(p, interval, ...)
};

// Compares runs of a candidate with runs of a baseline, each run given by its median latency
// (> 0, any unit, the same on both sides): a two-sample t-test on the natural logarithms of the
// medians with a pooled variance s^2 = (SS_baseline + SS_candidate) / df, df = k + j - 2,
// se = s * sqrt(1/k + 1/j) for k baseline and j candidate runs. With j = 1 this is the
// prediction interval for one new run. The verdict applies spec/statistics.md's rule to this
// p-value and interval, with `alpha` and `noise` as in stats::CompareOptions.
// Throws InputError when a side is empty, a median is not a finite number > 0, there are fewer
// than 3 runs in all (no estimate of the spread between runs: the message says how many there
// are), or alpha / noise are out of range (as stats::decide).
RunComparison compare_runs(std::span<const double> baseline_medians,
                           std::span<const double> candidate_medians, double alpha = 0.05,
                           double noise = 0.01);

// A whole history comparison, as `compare --against-history` makes it.
struct HistoryCheckOptions {
  std::size_t max_runs = kDefaultHistoryRuns;  // stored runs to use, >= 1
  double alpha = 0.05;                         // as compare_runs
  double noise = 0.01;                         // as compare_runs
};

// A history baseline with fewer stored runs than this gets a warning: its interval is wide.
inline constexpr std::size_t kFewHistoryRuns = 5;

struct HistoryCheck {
  HistoryQuery query;                                     // what selected the stored runs
  HistoryBaseline baseline;                               // the stored runs, newest first
  std::vector<double> baseline_medians_ms;                // per stored run, in that order
  std::vector<std::vector<double>> candidate_latency_ms;  // per candidate, its model's samples
  std::vector<double> candidate_medians_ms;               // per candidate
  RunComparison comparison;  // compare_runs of the two lists of medians
  // One line each: fewer than kFewHistoryRuns stored runs; a candidate with less than half or
  // more than twice the samples of every stored run (runs of another length, e.g. --quick, can
  // differ systematically).
  std::vector<std::string> warnings;
};

// Compares the runs `candidates` (v1 submissions, each one run; `sources` names them, e.g. file
// paths) of `model` with its stored runs in `store`: history_query_for, history_baseline,
// model_latency_samples of each candidate, then compare_runs of the run medians.
// Throws what those throw (InputError: candidates that cannot be indexed or differ in settings, a
// candidate without samples of `model`, no matching stored run, fewer than 3 runs in all;
// IoError from the store).
HistoryCheck compare_with_history(ResultsStore& store,
                                  const std::vector<nlohmann::json>& candidates,
                                  const std::vector<std::string>& sources, const std::string& model,
                                  const HistoryCheckOptions& options = {});

}  // namespace tinyperf::store
