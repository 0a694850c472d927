// The seeds' normalized metrics and the Pareto frontier (docs/statistics.md, "Normalized metrics").
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tinyperf::stats {

// latency_a / latency_b; > 1 means B is faster. InputError unless both are finite and > 0.
double speedup(double latency_a, double latency_b);
// size_a / size_b in stored bytes; > 1 means B is smaller. InputError unless both finite and > 0.
double compression_ratio(double size_a, double size_b);
// accuracy_b - accuracy_a, accuracies as fractions in [0, 1] (InputError outside).
double accuracy_delta(double accuracy_a, double accuracy_b);
// speedup * compression_ratio / (1 + max(0, -accuracy_delta)).
// Example: (2.5, 4.0, -0.02) gives 9.803921568627452.
// InputError unless speedup and compression_ratio are finite and > 0 and accuracy_delta lies in
// [-1, 1].
double efficiency_score(double speedup, double compression_ratio, double accuracy_delta);

enum class Goal { kMinimize, kMaximize };

// Indices of the non-dominated points, in input order. points[i][k] is point i's value on
// objective k; goals[k] says which way objective k is better. B dominates C when B is no worse on
// every objective and strictly better on at least one; equal points are all kept.
// InputError when goals is empty, a point's size differs from goals.size() or a value is NaN
// (infinities are ordinary values). No points give an empty frontier. O(n^2 * goals) time.
std::vector<std::size_t> pareto_frontier(std::span<const std::vector<double>> points,
                                         std::span<const Goal> goals);

}  // namespace tinyperf::stats
