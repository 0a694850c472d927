#include "tinyperf/stats/metrics.h"

#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;
using Points = std::vector<std::vector<double>>;
using Indices = std::vector<std::size_t>;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(NormalizedMetrics, SpecExample) {
  // docs/statistics.md: A = (100 ms, 12 MB, 0.89), B = (40 ms, 3 MB, 0.87) gives speedup 2.5,
  // compression 4.0, accuracy_delta -0.02 and efficiency 2.5 * 4 / 1.02 = 9.803921568627452.
  EXPECT_DOUBLE_EQ(speedup(100.0, 40.0), 2.5);
  EXPECT_DOUBLE_EQ(compression_ratio(12e6, 3e6), 4.0);
  const double delta = accuracy_delta(0.89, 0.87);
  EXPECT_NEAR(delta, -0.02, 1e-15);  // 0.87 - 0.89 is -0.020000000000000018 in binary
  EXPECT_DOUBLE_EQ(efficiency_score(2.5, 4.0, -0.02), 9.803921568627452);
  EXPECT_NEAR(efficiency_score(speedup(100.0, 40.0), compression_ratio(12e6, 3e6), delta),
              9.803921568627452, 1e-12);
}

TEST(NormalizedMetrics, AccuracyGainsAreNotRewarded) {
  // max(0, -delta): a better candidate is not scored above speedup * compression.
  EXPECT_DOUBLE_EQ(efficiency_score(2.0, 3.0, 0.05), 6.0);
  EXPECT_DOUBLE_EQ(efficiency_score(2.0, 3.0, -0.5), 4.0);
}

TEST(NormalizedMetrics, RejectBadInput) {
  for (const double bad : {0.0, -1.0, kNan, kInf}) {
    expect_input_error([&] { speedup(bad, 1.0); }, {"baseline latency"});
    expect_input_error([&] { speedup(1.0, bad); }, {"candidate latency"});
    expect_input_error([&] { compression_ratio(bad, 1.0); }, {"baseline size"});
    expect_input_error([&] { compression_ratio(1.0, bad); }, {"candidate size"});
    expect_input_error([&] { efficiency_score(bad, 1.0, 0.0); }, {"speedup"});
    expect_input_error([&] { efficiency_score(1.0, bad, 0.0); }, {"compression_ratio"});
  }
  for (const double bad : {-0.01, 1.01, kNan}) {
    expect_input_error([&] { accuracy_delta(bad, 0.5); }, {"baseline accuracy"});
    expect_input_error([&] { accuracy_delta(0.5, bad); }, {"candidate accuracy"});
  }
  for (const double bad : {-1.5, 1.5, kNan}) {
    expect_input_error([&] { efficiency_score(1.0, 1.0, bad); }, {"accuracy_delta"});
  }
}

TEST(ParetoFrontier, KeepsTheNonDominatedPointsInInputOrder) {
  // (latency ms, size MB, accuracy): minimize, minimize, maximize.
  const Points points{
      {10, 5, 0.90},  // 0: dominated by 2 (slower, same size, less accurate)
      {4, 8, 0.85},   // 1: fastest
      {8, 5, 0.91},   // 2
      {9, 2, 0.80},   // 3: smallest
      {8, 6, 0.91},   // 4: dominated by 2 (bigger, otherwise equal)
  };
  const std::vector<Goal> goals{Goal::kMinimize, Goal::kMinimize, Goal::kMaximize};
  EXPECT_EQ(pareto_frontier(points, goals), (Indices{1, 2, 3}));
}

TEST(ParetoFrontier, KeepsEqualPoints) {
  const Points points{{1, 2}, {1, 2}, {2, 3}};
  const std::vector<Goal> goals{Goal::kMinimize, Goal::kMinimize};
  EXPECT_EQ(pareto_frontier(points, goals), (Indices{0, 1}));
  const std::vector<Goal> maximize{Goal::kMaximize, Goal::kMaximize};
  EXPECT_EQ(pareto_frontier(points, maximize), (Indices{2}));
}

TEST(ParetoFrontier, HandlesEmptyAndSingleInput) {
  const std::vector<Goal> goals{Goal::kMinimize};
  EXPECT_TRUE(pareto_frontier(Points{}, goals).empty());
  EXPECT_EQ(pareto_frontier(Points{{kInf}}, goals), (Indices{0}));
}

TEST(ParetoFrontier, RejectsBadInput) {
  const std::vector<Goal> goals{Goal::kMinimize, Goal::kMaximize};
  expect_input_error(
      [&] {
        pareto_frontier(Points{{1, 2}, {1}}, goals);
      },
      {"point 1", "1 values", "2 goals"});
  expect_input_error(
      [&] {
        pareto_frontier(Points{{1, 2}, {1, kNan}}, goals);
      },
      {"point 1", "NaN", "objective 1"});
  expect_input_error([] { pareto_frontier(Points{{}}, std::vector<Goal>{}); }, {"objective"});
}

}  // namespace
}  // namespace tinyperf::stats
