#include "tinyperf/measure/clock.h"

#include <gtest/gtest.h>

namespace tinyperf::measure {
namespace {

TEST(TimerOverhead, IsTheMedianCostOfOneRead) {
  ManualClock clock(0, 25);  // every read costs 25 ns
  const TimerOverhead t = measure_timer_overhead(clock, 101);
  EXPECT_EQ(t.median_ns, 25.0);
  EXPECT_EQ(t.resolution_ns, 25.0);
  EXPECT_EQ(t.probes, 101u);
}

TEST(TimerOverhead, ResolutionIsZeroForAClockThatNeverMoves) {
  ManualClock clock;
  const TimerOverhead t = measure_timer_overhead(clock, 10);
  EXPECT_EQ(t.median_ns, 0.0);
  EXPECT_EQ(t.resolution_ns, 0.0);
}

TEST(TimerOverhead, SteadyClockReadsAreMonotonicAndMeasured) {
  SteadyClock clock;
  const std::int64_t a = clock.now_ns();
  const TimerOverhead t = measure_timer_overhead(clock, 1000);
  EXPECT_GE(clock.now_ns(), a);
  EXPECT_GE(t.median_ns, 0.0);
  EXPECT_EQ(t.probes, 1000u);
}

TEST(Barriers, KeepAComputationAlive) {
  int sum = 0;
  for (int i = 0; i < 100; ++i) {
    sum += i;
    do_not_optimize(sum);
  }
  clobber_memory();
  EXPECT_EQ(sum, 4950);
}

}  // namespace
}  // namespace tinyperf::measure
