// Comparing runs, not samples: K runs of a baseline with J runs of a candidate, each run (one
// process) summarized by the median of its samples. What `compare --against-history` judges a
// candidate by (docs/history.md explains the method and why).
//
// Two runs of the same program on the same machine differ by more than their own samples suggest
// (process start, memory layout, the state of a shared machine), and the samples of one run share
// that run's conditions, so a test that treats every sample of every run as independent calls that
// run-to-run spread a regression. Here the run medians are compared by a two-sample t-test on
// their logarithms with a pooled variance. With one candidate run this is the Student-t
// prediction interval of a new run given the baseline runs, the rule Bencher's t-test threshold
// uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tinyperf/stats/compare.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {

// Result of compare_runs. Relative quantities as fractions (0.02 = 2 %).
struct RunComparison {
  // speedup = exp(mean(ln baseline medians) - mean(ln candidate medians)): the ratio of the
  // geometric means of the run medians; > 1 means the candidate is faster.
  double speedup = 1.0;
  Interval speedup_ci95;     // exp(d -+ t(0.975, df) * se), d = ln speedup
  double t_statistic = 0.0;  // d / se; +-infinity when se = 0 and d != 0, 0 when both are 0
  std::int64_t degrees_of_freedom = 0;  // runs in all - 2
  double p_value = 1.0;                 // two-sided, Student t with degrees_of_freedom
  // The spread between runs: sqrt(exp(s^2) - 1) for the pooled standard deviation s of the log
  // medians (the cv of a log-normal with that s; about s itself for small s).
  double run_to_run_cv = 0.0;
  // The smallest change the interval can exclude 1 for: exp(t(0.975, df) * se) - 1. A real change
  // smaller than this cannot come out faster or slower; more runs (on either side) lower it.
  double detectable_change = 0.0;
  Verdict verdict = Verdict::kInconclusive;  // decide(p_value, speedup_ci95, alpha, noise)
};

// Compares runs of a candidate with runs of a baseline, each run given by its median (> 0, any
// unit, the same on both sides): a two-sample t-test on the natural logarithms of the medians
// with a pooled variance s^2 = (SS_baseline + SS_candidate) / df, df = k + j - 2,
// se = s * sqrt(1/k + 1/j) for k baseline and j candidate runs. With j = 1 this is the prediction
// interval for one new run. The verdict is decide()'s rule on this p-value and interval, with
// `alpha` and `noise` as in CompareOptions.
// Throws InputError when a side is empty, a median is not a finite number > 0, there are fewer
// than 3 runs in all (no estimate of the spread between runs: the message says how many there
// are), or alpha / noise are out of range (as decide).
RunComparison compare_runs(std::span<const double> baseline_medians,
                           std::span<const double> candidate_medians, double alpha = 0.05,
                           double noise = 0.01);

// The speedup compare_runs states, alone: exp(mean(ln baseline) - mean(ln candidate)), the ratio
// of the geometric means of the run medians. What the validator recomputes for a run-level
// submission. Throws InputError as compare_runs for an empty side or a median not finite > 0.
double run_speedup(std::span<const double> baseline_medians,
                   std::span<const double> candidate_medians);

// The spread between the runs of one program: sqrt(exp(s^2) - 1) for the sample standard deviation
// s (ddof 1) of the log medians, compare_runs's run_to_run_cv for a single side. Throws
// InputError for fewer than 2 runs or a median not finite > 0.
double between_run_cv(std::span<const double> medians);

// One run per side: a comparison of two samples (each from one process) carried to the run level
// with a between-run spread it cannot see itself. The within-run interval [lo, hi] around
// `speedup` gives the within-run standard error of ln(speedup), (ln hi - ln lo) / (2 z(0.975)); the
// two runs' own placement adds s^2 each, s = log_sd_of_cv(between_run_cv) (run_power.h), so
// se = sqrt(se_within^2 + 2 s^2). The interval is speedup * exp(-+ q se) and the p-value that of
// ln(speedup) / se, with q and the distribution Student t with `degrees_of_freedom` when the spread
// was estimated from that many (runs - 1), else (0) the standard normal: a spread stated as known.
// The verdict is decide()'s on these. A between_run_cv of 0 leaves the within-run interval and
// `within_p_value` (the test the interval came with) as they are.
struct OneRunComparison {
  double between_run_cv = 0.0;
  Interval speedup_ci95;
  double p_value = 1.0;
  Verdict verdict = Verdict::kInconclusive;
};
// Throws InputError for a speedup that is not finite and > 0, an interval that does not contain a
// positive, finite range, a within_p_value outside [0, 1], a cv < 0 or not finite, a negative
// degrees_of_freedom, and alpha / noise as decide.
OneRunComparison compare_one_run_each(double speedup, const Interval& within_ci95,
                                      double within_p_value, double between_run_cv,
                                      std::int64_t degrees_of_freedom, double alpha = 0.05,
                                      double noise = 0.01);

// The spread between runs (cv of run medians) that a comparison of one run per side assumes when
// it has no measurement of its own: the largest seen on the machines this project runs on, batch-1
// latency of one model file timed by separate processes (docs/methodology.md, "One run per side",
// gives the measurements and the commands).
inline constexpr double kAssumedBetweenRunCv = 0.10;

// A baseline of fewer runs than this gets a warning from compare_run_samples: its interval is
// wide (t(0.975, 3) = 3.18 against 2.26 with 10 runs).
inline constexpr std::size_t kFewRuns = 5;

struct RunCompareOptions {
  double alpha = 0.05;  // as compare_runs
  double noise = 0.01;  // as compare_runs
  // What the warnings call the baseline's runs: "only 3 {baseline_name} runs", e.g. "stored".
  std::string baseline_name = "baseline";
  // The candidate runs' names in warnings (e.g. their files), one per run; empty = "candidate run
  // 1", "candidate run 2", ...
  std::vector<std::string> candidate_names{};
};

// compare_runs of the runs' medians, with the medians and the run-level warnings.
struct RunSamplesComparison {
  std::vector<double> baseline_medians;   // one per baseline run, in the order given
  std::vector<double> candidate_medians;  // one per candidate run, in the order given
  RunComparison comparison;
  // One line each: fewer than kFewRuns baseline runs ("only 3 stored runs: the interval is wide;
  // 5 or more give a sharper gate"); a candidate run with less than half or more than twice the
  // samples of every baseline run ("c.json has 1 samples, the stored runs 3 to 3: runs of
  // different lengths can differ systematically (warmup, thermal state)").
  std::vector<std::string> warnings;
};

// Compares K baseline runs with J candidate runs given by their raw samples (each run a non-empty
// sample of finite values > 0, in one unit). Throws InputError as median for an empty or
// non-finite run, as compare_runs otherwise, and when candidate_names is neither empty nor one
// per candidate run.
RunSamplesComparison compare_run_samples(std::span<const std::vector<double>> baseline_runs,
                                         std::span<const std::vector<double>> candidate_runs,
                                         const RunCompareOptions& options = {});

}  // namespace tinyperf::stats
