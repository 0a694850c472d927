// Two-sample tests and effect sizes (spec/statistics.md, "Comparing a baseline A with a candidate B").
// All functions throw InputError for empty samples or non-finite values.
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
// correction and continuity correction.
// statistic = U1, the U of `a`.
TestResult mann_whitney_u(std::span<const double> a, std::span<const double> b);

// Two-sided Welch t-test (unequal variances, Welch-Satterthwaite degrees of freedom), as
// scipy.stats.ttest_ind(a, b, equal_var=False). statistic = t = (mean(a) - mean(b)) / se.
// Both samples need at least 2 values (else InputError). Two constant, equal samples give p = 1.
TestResult welch_t_test(std::span<const double> a, std::span<const double> b);

// Hodges-Lehmann shift estimate: the median of all pairwise differences b[j] - a[i].
double hodges_lehmann_shift(std::span<const double> a, std::span<const double> b);

// Cohen's d = (mean(b) - mean(a)) / pooled std (ddof 1 on each side). 0 when the pooled std is 0.
double cohens_d(std::span<const double> a, std::span<const double> b);

}  // namespace tinyperf::stats
