#include "tinyperf/stats/mlperf.h"

#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace tinyperf::stats {
namespace {

using testing::expect_input_error;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// sorted[i] = i, so a reported latency is its own index.
std::vector<double> indices(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
  return v;
}

// Known values below come from shared/reference/mlperf-loadgen.md §2, where they were computed by
// compiling LoadGen's own early_stopping.cc (and agreed with by a separate Python version).

TEST(LoadgenPercentile, IndexesFloorOfNTimesP) {
  // n = 100, p = 0.9: index 90, the 91st smallest (one above nearest-rank).
  EXPECT_EQ(loadgen_percentile_sorted(indices(100), 0.9), 90.0);
  EXPECT_EQ(loadgen_percentile_sorted(indices(100), 0.99), 99.0);
  EXPECT_EQ(loadgen_percentile_sorted(indices(100), 1.0), 99.0);  // clamped to n - 1
  EXPECT_EQ(loadgen_percentile_sorted(indices(100), 0.0), 0.0);
  EXPECT_EQ(loadgen_percentile_sorted(indices(7), 0.5), 3.0);  // floor(3.5)
}

TEST(EarlyStopping, MinimumQueries) {
  EXPECT_EQ(early_stopping_min_queries(0.90), 64);
  EXPECT_EQ(early_stopping_min_queries(0.99), 662);
  EXPECT_EQ(early_stopping_min_queries(0.999), 6636);
}

TEST(EarlyStopping, HWithoutOverLatencyQueriesIsTheGeometricBound) {
  // t = 0: I_p(h, 1) = p^h, so h(0) = ceil(ln(0.01) / ln(p)) (LoadGen's own seed for the search):
  // 43.7 -> 44 at p = 0.9, 458.2 -> 459 at p = 0.99.
  EXPECT_EQ(early_stopping_h(0, 0.90), 44);
  EXPECT_EQ(early_stopping_h(0, 0.99), 459);
  // At 95 % confidence: ln(0.05) / ln(0.99) = 298.07 -> 299.
  EXPECT_EQ(early_stopping_h(0, 0.99, 0.95), 299);
}

TEST(EarlyStopping, ServerThresholdsAtP99) {
  struct Case {
    std::int64_t t, n;
  };
  for (const Case c : {Case{0, 459}, Case{1, 662}, Case{10, 2010}, Case{100, 12571},
                       Case{1000, 107569}, Case{5000, 516615}}) {
    EXPECT_EQ(early_stopping_h(c.t, 0.99) + c.t, c.n) << "t = " << c.t;
    EXPECT_TRUE(early_stopping_server_passes(c.n, c.t, 0.99)) << "t = " << c.t;
    EXPECT_FALSE(early_stopping_server_passes(c.n - 1, c.t, 0.99)) << "t = " << c.t;
  }
}

TEST(EarlyStopping, SingleStreamReportsTheTthLargestLatency) {
  // 1,000 SingleStream queries at p90: t = 78, the 78th-largest latency, index n - t = 922.
  EXPECT_EQ(early_stopping_estimate_sorted(indices(1000), 0.90), 1000.0 - 78.0);
  // The rest of the reference's penalty tables: (n, t) at p90 and at p99.
  struct Case {
    std::size_t n;
    std::size_t t;
    double p;
  };
  for (const Case c : {Case{64, 1, 0.90}, Case{100, 3, 0.90}, Case{6000, 546, 0.90},
                       Case{662, 1, 0.99}, Case{5000, 33, 0.99}, Case{50000, 448, 0.99}}) {
    const auto estimate = early_stopping_estimate_sorted(indices(c.n), c.p);
    ASSERT_TRUE(estimate.has_value()) << c.n;
    EXPECT_EQ(*estimate, static_cast<double>(c.n - c.t)) << c.n << " at p = " << c.p;
  }
}

TEST(EarlyStopping, NoEstimateBelowTheMinimum) {
  EXPECT_FALSE(early_stopping_estimate_sorted(indices(63), 0.90).has_value());
  EXPECT_FALSE(early_stopping_estimate_sorted(indices(661), 0.99).has_value());
  EXPECT_FALSE(early_stopping_estimate_sorted(std::vector<double>{}, 0.90).has_value());
}

TEST(EarlyStopping, RejectsBadArguments) {
  for (const double p : {0.0, 1.0, -0.5, kNan}) {
    expect_input_error([&] { early_stopping_h(1, p); }, {"percentile p"});
    EXPECT_THROW(early_stopping_min_queries(p), InputError);
    EXPECT_THROW(early_stopping_estimate_sorted(indices(100), p), InputError);
    EXPECT_THROW(early_stopping_server_passes(1000, 1, p), InputError);
  }
  for (const double c : {0.0, 1.0, kNan}) {
    expect_input_error([&] { early_stopping_h(1, 0.9, c); }, {"confidence"});
  }
  expect_input_error([] { early_stopping_h(-1, 0.9); }, {"over-latency count"});
  expect_input_error([] { early_stopping_server_passes(10, 11, 0.99); }, {"over-latency count"});
  expect_input_error([] { early_stopping_server_passes(-1, 0, 0.99); }, {"query count"});
  // A p this close to 1 needs more queries than a double counts exactly.
  EXPECT_THROW(early_stopping_h(1, 1.0 - 1e-16), InputError);
}

TEST(EarlyStopping, RejectsUnsortedOrNonFiniteLatencies) {
  expect_input_error(
      [] {
        early_stopping_estimate_sorted(std::vector<double>{1, 3, 2}, 0.9);
      },
      {"index 2", "sorted"});
  expect_input_error(
      [] {
        early_stopping_estimate_sorted(std::vector<double>{1, kNan}, 0.9);
      },
      {"index 1"});
}

TEST(LoadgenPercentile, RejectsBadInput) {
  expect_input_error([] { loadgen_percentile_sorted(std::vector<double>{}, 0.9); }, {"empty"});
  expect_input_error(
      [] {
        loadgen_percentile_sorted(std::vector<double>{2, 1}, 0.9);
      },
      {"index 1", "sorted"});
  expect_input_error(
      [] {
        loadgen_percentile_sorted(std::vector<double>{1, kNan}, 0.9);
      },
      {"index 1"});
  for (const double p : {-0.01, 1.01, kNan}) {
    expect_input_error([&] { loadgen_percentile_sorted(indices(10), p); }, {"percentile p"});
  }
}

}  // namespace
}  // namespace tinyperf::stats
