// Comparing a baseline sample A with a candidate sample B: speedup with a bootstrap interval,
// significance tests, effect sizes, the verdict rule, and required runs (quality.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "tinyperf/stats/quality.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {

enum class Verdict { kFaster, kSlower, kNoChange, kInconclusive };

// "faster", "slower", "no_change", "inconclusive".
std::string_view to_string(Verdict verdict);
// The verdict called `name` ("faster", "slower", "no_change", "inconclusive"); InputError
// otherwise.
Verdict parse_verdict(std::string_view name);

struct CompareOptions {
  double alpha = 0.05;  // significance level for p_value, in (0, 1)
  double noise = 0.01;  // relative band [1 - noise, 1 + noise] treated as no change, >= 0
  std::size_t resamples = 10'000;     // bootstrap resamples for speedup_ci95, in [10,000, 10^8]
                                      // (the spec's minimum is enforced)
  std::uint64_t seed = 0x7E57'5EEDu;  // bootstrap seed, fixed so the interval is reproducible
  bool paired = false;                // A[i] and B[i] were measured in the same interleaved round:
                                      // resample rounds, not sides (requires equal sizes)
  double required_runs_delta = 0.01;  // the relative change required_runs is computed for, > 0
};

struct Comparison {
  double speedup = 0.0;               // median(A) / median(B); > 1 means B is faster
  Interval speedup_ci95;              // percentile bootstrap of that ratio
  double p_value = 1.0;               // two-sided Mann-Whitney U
  double welch_p_value = 1.0;         // two-sided Welch t (1 when either side has one value)
                                      // (p = 0 / 1 when both sides are constant, see welch_t_test)
  double hodges_lehmann_shift = 0.0;  // median of pairwise B - A, in the samples' unit
  double cohens_d = 0.0;              // (mean B - mean A) / pooled std
  Verdict verdict = Verdict::kInconclusive;
  std::size_t required_runs = 0;  // runs per side to detect options.required_runs_delta at
                                  // power 0.8 and options.alpha: required_runs(a, b, ...) of
                                  // quality.h, from the two sides' robust cvs
};

// Percentile-bootstrap interval of stat(A)/stat(B) with the median as stat: the type-7
// percentiles (1 - confidence)/2 and (1 + confidence)/2 of `resamples` resampled ratios. Resamples
// each side independently, or whole rounds (A[i] with B[i]) when `paired`. Deterministic for a
// given seed on every platform (std::mt19937_64 with its own index mapping).
// Throws InputError for an empty sample, a value that is not finite and > 0 (a median ratio of
// latencies needs positive values), paired samples of different sizes, resamples outside
// [10,000, 10^8], or confidence outside (0, 1). Cost: O(resamples * (n_a + n_b)), no allocation
// per resample: about 1 s of CPU for 10,000 resamples of 10,000 values per side on the project
// machine, about 4.5 times less than gathering each resample and using std::nth_element
// (BM_BootstrapCounting vs BM_BootstrapNthElement in bench/stats_bench.cc).
Interval bootstrap_speedup_interval(std::span<const double> a, std::span<const double> b,
                                    std::size_t resamples, std::uint64_t seed, bool paired,
                                    double confidence = 0.95);

// The verdict rule: faster/slower only when p < alpha AND the whole interval lies outside
// [1 - noise, 1 + noise] (lo > 1 + noise: faster; hi < 1 - noise: slower); no_change when the whole
// interval lies inside the closed band, whatever p; else inconclusive.
// Throws InputError for p outside [0, 1], alpha outside (0, 1), noise < 0 or not finite, or an
// interval that is not finite with lo <= hi.
Verdict decide(double p_value, Interval speedup_ci, double alpha, double noise);

// Everything above (speedup_ci95 at confidence 0.95). Throws InputError for invalid samples (as
// bootstrap_speedup_interval: messages name "baseline (a)" or "candidate (b)" and the index of the
// first bad value) or options (alpha outside (0, 1), noise < 0, resamples outside
// [10,000, 10^8], required_runs_delta <= 0), and for paired samples of different sizes.
Comparison compare(std::span<const double> a, std::span<const double> b,
                   const CompareOptions& options = {});

}  // namespace tinyperf::stats
