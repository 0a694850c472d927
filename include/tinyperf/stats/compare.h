// Comparing a baseline sample A with a candidate sample B (spec/statistics.md): speedup with a
// bootstrap interval, significance tests, effect sizes, the verdict rule, and required runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {

enum class Verdict { kFaster, kSlower, kNoChange, kInconclusive };

// "faster", "slower", "no_change", "inconclusive".
std::string_view to_string(Verdict verdict);

struct CompareOptions {
  double alpha = 0.05;              // significance level for p_value, in (0, 1)
  double noise = 0.01;              // relative band [1 - noise, 1 + noise] treated as no change, >= 0
  std::size_t resamples = 10'000;   // bootstrap resamples for speedup_ci95, >= 10,000 per the spec
  std::uint64_t seed = 0x7E57'5EEDu;  // bootstrap seed, fixed so the interval is reproducible
  bool paired = false;              // A[i] and B[i] were measured in the same interleaved round:
                                    // resample rounds, not sides (requires equal sizes)
  double required_runs_delta = 0.01;  // the relative change required_runs is computed for
};

struct Comparison {
  double speedup = 0.0;              // median(A) / median(B); > 1 means B is faster
  Interval speedup_ci95;             // percentile bootstrap of that ratio
  double p_value = 1.0;              // two-sided Mann-Whitney U
  double welch_p_value = 1.0;        // two-sided Welch t (1 when either side has one value)
  double hodges_lehmann_shift = 0.0; // median of pairwise B - A, in the samples' unit
  double cohens_d = 0.0;             // (mean B - mean A) / pooled std
  Verdict verdict = Verdict::kInconclusive;
  std::size_t required_runs = 0;     // runs per side to detect options.required_runs_delta
};

// Percentile-bootstrap interval of stat(A)/stat(B) with the median as stat. Resamples each side
// independently, or whole rounds when `paired`. Deterministic for a given seed.
Interval bootstrap_speedup_interval(std::span<const double> a, std::span<const double> b,
                                    std::size_t resamples, std::uint64_t seed, bool paired,
                                    double confidence = 0.95);

// The verdict rule: faster/slower only when p < alpha AND the whole interval lies outside
// [1 - noise, 1 + noise]; no_change when the whole interval lies inside; else inconclusive.
Verdict decide(double p_value, Interval speedup_ci, double alpha, double noise);

// n = ceil(2 * ((z(1 - alpha/2) + z(power)) * cv / delta)^2), at least 2.
// Throws InputError for delta <= 0, alpha or power outside (0, 1), or cv < 0.
std::size_t required_runs(double cv, double delta, double alpha = 0.05, double power = 0.8);

// Everything above. Throws InputError for invalid samples or options (and for paired samples of
// different sizes).
Comparison compare(std::span<const double> a, std::span<const double> b,
                   const CompareOptions& options = {});

}  // namespace tinyperf::stats
