// Private helpers of the stats module: input checks shared by every public function, and the
// unchecked primitives (mean, variance, type-7 percentile, median) that the public functions call
// after validating their input once.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tinyperf::stats::detail {

// InputError naming `what` and the index of the first NaN or infinity; an empty span passes.
void require_finite(std::span<const double> sample, const char* what);
// InputError naming `what` and the first index whose value is smaller than its predecessor.
void require_sorted(std::span<const double> sorted, const char* what);
// InputError naming `what` and the first index whose value is not > 0 (assumes finite values).
void require_positive(std::span<const double> sample, const char* what);
// InputError unless lo < value < hi (NaN fails), naming `what`.
void require_open_range(double value, double lo, double hi, const char* what);
// InputError unless lo <= value <= hi (NaN fails), naming `what`.
void require_closed_range(double value, double lo, double hi, const char* what);

// x0 + sum(x - x0) / n: exact for a constant sample (so its variance is exactly 0) and less
// cancellation than a plain sum for values close together, as latencies are. Non-empty input.
double mean_of(std::span<const double> sample);
// Sample variance, ddof = 1; 0 for one value. Non-empty input.
double variance_of(std::span<const double> sample);
// Ascending copy.
std::vector<double> sorted_copy(std::span<const double> sample);
// numpy's linear ("type 7") percentile on an ascending, non-empty sample; p in [0, 100].
double percentile_of_sorted(std::span<const double> sorted, double p);
// Middle value, or (a + b) / 2 of the two middle values, of an ascending, non-empty sample.
double median_of_sorted(std::span<const double> sorted);
// The same on an unsorted sample, reordering it (std::nth_element).
double median_in_place(std::span<double> sample);

}  // namespace tinyperf::stats::detail
