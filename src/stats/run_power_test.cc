// The power of the run-level t-test against R's power.t.test (two-sample, two-sided, sd = 1),
// whose documented examples give: power.t.test(n = 20, delta = 1) -> power 0.8689528 and
// power.t.test(power = .90, delta = 1) -> n = 22.02110; power.t.test(n = 10, delta = 1) ->
// 0.5620066. R's default strict = FALSE drops the far tail, which is below 1e-6 in these cases.
#include "tinyperf/stats/run_power.h"

#include <cmath>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::stats {
namespace {

TEST(RunPower, MatchesRsPowerTTest) {
  EXPECT_NEAR(run_test_power(1.0, 20, 20), 0.8689528, 2e-6);
  EXPECT_NEAR(run_test_power(1.0, 10, 10), 0.5620066, 2e-6);
  EXPECT_NEAR(run_test_power(-1.0, 20, 20), 0.8689528, 2e-6);  // either direction
  EXPECT_NEAR(run_test_power(0.0, 5, 5), 0.05, 1e-12);         // no effect: the level
  // n = 22.02 per side reaches 0.90 at delta = 1: 22 falls just short, 23 passes.
  EXPECT_LT(run_test_power(1.0, 22, 22), 0.90);
  EXPECT_GT(run_test_power(1.0, 23, 23), 0.90);
}

TEST(RunPower, SmallestDetectableChangeInvertsThePower) {
  // With 20 runs per side the change found 86.9 % of the time is 1 sd of a run's log median.
  const double sd = log_sd_of_cv(0.05);
  const double change = smallest_detectable_change(0.05, 20, 20, 0.05, 0.8689528);
  EXPECT_NEAR(std::log1p(change) / sd, 1.0, 1e-5);
  // More runs detect less; no spread detects everything.
  EXPECT_LT(smallest_detectable_change(0.05, 10, 10), smallest_detectable_change(0.05, 5, 5));
  EXPECT_EQ(smallest_detectable_change(0.0, 5, 5), 0.0);
}

TEST(RunPower, RunsPerSideNeeded) {
  // power.t.test(power = .90, delta = 1): n = 22.02 -> 23 runs per side.
  const double change = std::expm1(log_sd_of_cv(0.1));
  EXPECT_EQ(runs_per_side_needed(0.1, change, 0.05, 0.90), 23u);
  EXPECT_EQ(runs_per_side_needed(0.1, 1e-6, 0.05, 0.8, 50), 50u);  // unreachable: the cap
}

TEST(RunPower, LogSdOfCv) {
  EXPECT_NEAR(log_sd_of_cv(0.1), std::sqrt(std::log(1.01)), 1e-15);
  EXPECT_EQ(log_sd_of_cv(0.0), 0.0);
  EXPECT_THROW(log_sd_of_cv(-0.1), InputError);
}

TEST(RunPower, RefusesBadArguments) {
  EXPECT_THROW(run_test_power(1.0, 1, 1), InputError);
  EXPECT_THROW(run_test_power(1.0, 0, 5), InputError);
  EXPECT_THROW(run_test_power(1.0, 5, 5, 1.5), InputError);
  EXPECT_THROW(smallest_detectable_change(0.05, 5, 5, 0.05, 0.01), InputError);
  EXPECT_THROW(runs_per_side_needed(0.05, 0.0), InputError);
}

}  // namespace
}  // namespace tinyperf::stats
