// How many runs a run-level verdict needs: the power of compare_runs (runs.h), the two-sample
// t-test on log run medians, against the spread between runs. What `bench` and `run` print as
// "the smallest change these runs detect 80 % of the time", and what docs/methodology.md plots
// against the number of runs.
#pragma once

#include <cstddef>

namespace tinyperf::stats {

// The standard deviation of ln(X) for a log-normal X with coefficient of variation `cv`:
// sqrt(ln(1 + cv^2)) (about cv for small cv). InputError for cv < 0 or not finite.
double log_sd_of_cv(double cv);

// The probability that the two-sided pooled t-test at level `alpha` rejects, with k and j runs,
// when the true log ratio is `effect_sd` standard deviations of one run's log median: both tails
// of the noncentral t with k + j - 2 degrees of freedom and noncentrality
// effect_sd / sqrt(1/k + 1/j) beyond the t quantile 1 - alpha/2 (R's power.t.test with
// strict = TRUE). InputError when k + j < 3 or alpha is outside (0, 1).
double run_test_power(double effect_sd, std::size_t k, std::size_t j, double alpha = 0.05);

// The smallest relative change (0.05 = 5 %) that k baseline and j candidate runs detect with
// probability `power` (faster or slower, p < alpha) when run medians spread by
// `between_run_cv`: exp(d * s) - 1 for the d that solves run_test_power(d, k, j) = power
// (bisection to 1e-9), s = log_sd_of_cv(between_run_cv). 0 when the cv is 0. The verdict rule also
// needs the interval outside the noise band, so a change within a few tenths of `noise` above
// this comes out faster a little less often. InputError as run_test_power, and for power outside
// (alpha, 1).
double smallest_detectable_change(double between_run_cv, std::size_t k, std::size_t j,
                                  double alpha = 0.05, double power = 0.8);

// Runs per side (>= 2) for which smallest_detectable_change(cv, n, n) <= `change`; max_runs when
// even that many do not reach it. InputError for change <= 0 and as above.
std::size_t runs_per_side_needed(double between_run_cv, double change, double alpha = 0.05,
                                 double power = 0.8, std::size_t max_runs = 1000);

}  // namespace tinyperf::stats
