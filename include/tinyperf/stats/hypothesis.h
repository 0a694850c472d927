// Two-sample tests and effect sizes (docs/statistics.md, "Comparing a baseline A with a candidate
// B"). All functions throw InputError for empty samples or non-finite values; messages call the
// first argument "sample a" and the second "sample b".
#pragma once

#include <span>

namespace tinyperf::stats {

struct TestResult {
  double statistic = 0.0;  // U of the first sample (Mann-Whitney) or t (Welch)
  double p_value = 1.0;    // two-sided
};

// Two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu(a, b, alternative="two-sided",
// method="auto") computes it (scipy 1.11 rule): the exact distribution of U when there are no ties
// and at least one sample has 8 or fewer values; otherwise the normal approximation with tie
// correction and continuity correction. Values are ties when they compare equal, within or
// across the samples. Two-sided p = min(1, 2 P(U >= max(U1, U2))) in both cases.
// statistic = U1, the U of `a` (rank sum of a - n_a (n_a + 1) / 2; a half-integer with ties).
// When every value is the same, the normal approximation has zero variance: p = 1 (as scipy).
// Cost: O((n_a + n_b) log(n_a + n_b)), plus O(min(n_a, n_b) * n_a * n_b) time and
// O(n_a * n_b) memory for the exact distribution (min(n_a, n_b) <= 8 there).
TestResult mann_whitney_u(std::span<const double> a, std::span<const double> b);

// Two-sided Welch t-test (unequal variances, Welch-Satterthwaite degrees of freedom), as
// scipy.stats.ttest_ind(a, b, equal_var=False). statistic = t = (mean(a) - mean(b)) / se.
// Both samples need at least 2 values (else InputError).
// Zero variance on both sides (scipy returns NaN or +-inf there): equal means give t = 0 and
// p = 1; different means give t = +-infinity (sign of mean(a) - mean(b)) and p = 0, since any
// difference between two noise-free samples is certain. Zero variance on one side only is the
// ordinary case (df = n - 1 of the other side).
TestResult welch_t_test(std::span<const double> a, std::span<const double> b);

// Hodges-Lehmann shift estimate: the median of all n_a * n_b pairwise differences b[j] - a[i]
// (mean of the two middle ones when n_a * n_b is even), found exactly without forming them: after
// sorting, at most 64 merge passes of O(n_a + n_b) per middle value (a bisection over the doubles),
// O(n_a + n_b) memory.
double hodges_lehmann_shift(std::span<const double> a, std::span<const double> b);

// Cohen's d = (mean(b) - mean(a)) / pooled std (ddof 1 on each side). 0 when the pooled std is 0.
double cohens_d(std::span<const double> a, std::span<const double> b);

}  // namespace tinyperf::stats
