#include "tinyperf/stats/metrics.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sample_ops.h"
#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

void require_positive_finite(double value, const char* what) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    throw InputError(fmt::format("{} must be finite and > 0, got {}", what, value));
  }
}

// a is better than or equal to b on objective k.
bool no_worse(double a, double b, Goal goal) { return goal == Goal::kMinimize ? a <= b : a >= b; }

bool dominates(const std::vector<double>& b, const std::vector<double>& c,
               std::span<const Goal> goals) {
  bool strictly_better = false;
  for (std::size_t k = 0; k < goals.size(); ++k) {
    if (!no_worse(b[k], c[k], goals[k])) return false;
    strictly_better = strictly_better || b[k] != c[k];
  }
  return strictly_better;
}

void require_points(std::span<const std::vector<double>> points, std::span<const Goal> goals) {
  if (goals.empty()) throw InputError("pareto_frontier: at least one objective (goal) is needed");
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].size() != goals.size()) {
      throw InputError(fmt::format("pareto_frontier: point {} has {} values but there are {} goals",
                                   i, points[i].size(), goals.size()));
    }
    const auto nan =
        std::find_if(points[i].begin(), points[i].end(), [](double x) { return std::isnan(x); });
    if (nan != points[i].end()) {
      throw InputError(fmt::format("pareto_frontier: point {} has NaN at objective {}", i,
                                   nan - points[i].begin()));
    }
  }
}

}  // namespace

double speedup(double latency_a, double latency_b) {
  require_positive_finite(latency_a, "speedup: baseline latency");
  require_positive_finite(latency_b, "speedup: candidate latency");
  return latency_a / latency_b;
}

double compression_ratio(double size_a, double size_b) {
  require_positive_finite(size_a, "compression_ratio: baseline size");
  require_positive_finite(size_b, "compression_ratio: candidate size");
  return size_a / size_b;
}

double accuracy_delta(double accuracy_a, double accuracy_b) {
  detail::require_closed_range(accuracy_a, 0.0, 1.0, "accuracy_delta: baseline accuracy");
  detail::require_closed_range(accuracy_b, 0.0, 1.0, "accuracy_delta: candidate accuracy");
  return accuracy_b - accuracy_a;
}

double efficiency_score(double speedup, double compression_ratio, double accuracy_delta) {
  require_positive_finite(speedup, "efficiency_score: speedup");
  require_positive_finite(compression_ratio, "efficiency_score: compression_ratio");
  detail::require_closed_range(accuracy_delta, -1.0, 1.0, "efficiency_score: accuracy_delta");
  return speedup * compression_ratio / (1.0 + std::max(0.0, -accuracy_delta));
}

std::vector<std::size_t> pareto_frontier(std::span<const std::vector<double>> points,
                                         std::span<const Goal> goals) {
  require_points(points, goals);
  std::vector<std::size_t> frontier;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const bool dominated = std::any_of(points.begin(), points.end(), [&](const auto& other) {
      return dominates(other, points[i], goals);
    });
    if (!dominated) frontier.push_back(i);
  }
  return frontier;
}

}  // namespace tinyperf::stats
