// Descriptive statistics of one sample (docs/statistics.md, "Descriptive statistics").
// Pure functions over spans of doubles: no I/O, no global state; the only allocation is one
// working copy of the sample where an order statistic needs it (median, percentiles, summarize).
// Every function that takes a sample throws InputError for an empty sample or one that holds NaN
// or infinity, naming the problem and the position of the first bad value; every probability or
// percentile argument outside its stated range (or NaN) is an InputError too.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace tinyperf::stats {

// A closed interval [lo, hi] in the unit of the sample it came from.
struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

// Tukey-fence outlier counts (never removed from the sample, only reported).
// mild: beyond 1.5 IQR but inside 3 IQR from the quartiles; severe: beyond 3 IQR.
struct OutlierCounts {
  std::size_t low_severe = 0;
  std::size_t low_mild = 0;
  std::size_t high_mild = 0;
  std::size_t high_severe = 0;
  std::size_t total() const { return low_severe + low_mild + high_mild + high_severe; }
};

// Everything `tinyperf analyze` reports about one sample, in the sample's unit.
struct Summary {
  std::size_t count = 0;
  double mean = 0.0;
  double std = 0.0;  // sample standard deviation, ddof = 1; 0 when count == 1
  double cv = 0.0;   // std / mean (0 when mean == 0)
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
  double p50 = 0.0, p90 = 0.0, p95 = 0.0, p99 = 0.0;  // type-7 percentiles
  std::optional<Interval> ci95_mean;                  // Student-t; empty when count == 1
  std::optional<Interval> ci95_median;                // order statistics; empty when count < 6
  OutlierCounts outliers;
};

// Throws InputError when `sample` is empty or holds a non-finite value. `what` names the sample
// in the message (e.g. "baseline").
void require_valid_sample(std::span<const double> sample, const char* what = "sample");

// Arithmetic mean, computed as x[0] + sum(x - x[0]) / n so that a constant sample has exactly its
// value as mean (and exactly 0 as standard deviation).
double mean(std::span<const double> sample);
// Sample standard deviation with ddof = 1; 0 for a single value.
double stddev(std::span<const double> sample);
// Middle value; (a + b) / 2 of the two middle values when n is even.
double median(std::span<const double> sample);

// Percentile by linear interpolation between closest ranks (numpy's default, "type 7"):
// rank = p/100 * (n-1) on the ascending sample. `p` in [0, 100], else InputError.
// Example: percentile([1,1,1,1,50], 99) == 48.04.
double percentile(std::span<const double> sample, double p);
// The same on a sample already sorted ascending, without copying it. Also throws InputError when
// `sorted` is not ascending (checked in O(n), like finiteness, in every build type).
double percentile_sorted(std::span<const double> sorted, double p);

// mean ± t(1 - (1-confidence)/2, n-1) * std / sqrt(n) with the exact Student-t quantile.
// Empty when n == 1. `confidence` in (0, 1).
std::optional<Interval> mean_interval(std::span<const double> sample, double confidence = 0.95);

// Distribution-free interval for the median from order statistics: the narrowest symmetric pair
// (x_(k), x_(n-k+1)) whose binomial(n, 0.5) coverage is >= confidence. Empty when n is too small to
// reach it (n < 6 for 95 %).
std::optional<Interval> median_interval(std::span<const double> sample, double confidence = 0.95);

// Tukey fences on the sample's type-7 quartiles.
OutlierCounts tukey_outliers(std::span<const double> sample);

// All of the above at once.
Summary summarize(std::span<const double> sample);

}  // namespace tinyperf::stats
