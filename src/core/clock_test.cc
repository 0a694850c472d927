#include "tinyperf/core/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tinyperf {
namespace {

TEST(ManualClock, ReturnsTimeThenAdvancesByItsTick) {
  ManualClock clock(100, 25);
  EXPECT_EQ(clock.now_ns(), 100);
  EXPECT_EQ(clock.now_ns(), 125);
  clock.advance(1000);
  EXPECT_EQ(clock.peek_ns(), 1150);
  EXPECT_EQ(clock.now_ns(), 1150);
}

TEST(ManualClock, WaitUntilMovesForwardOnly) {
  ManualClock clock(1000);
  EXPECT_EQ(clock.wait_until(5000), 5000);
  EXPECT_EQ(clock.peek_ns(), 5000);
  EXPECT_EQ(clock.wait_until(2000), 5000);  // already past: the time stays
  EXPECT_EQ(clock.now_ns(), 5000);
}

TEST(ManualClock, AdvancesFromManyThreadsWithoutLosingSteps) {
  ManualClock clock;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&clock] {
      for (int i = 0; i < 10'000; ++i) clock.advance(3);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(clock.peek_ns(), 4 * 10'000 * 3);
}

TEST(ManualClockDeathTest, ANegativeStepIsABug) {
  ManualClock clock;
  EXPECT_DEATH(clock.advance(-1), "ns >= 0");
}

TEST(SteadyClock, WaitUntilReturnsAtOrAfterTheDeadline) {
  for (const std::int64_t spin : {std::int64_t{0}, std::int64_t{100'000}}) {
    SteadyClock clock(spin);
    EXPECT_EQ(clock.spin_window_ns(), spin);
    const std::int64_t deadline = clock.now_ns() + 2'000'000;  // 2 ms: sleep, then spin
    const std::int64_t woke = clock.wait_until(deadline);
    EXPECT_GE(woke, deadline);
    EXPECT_GE(clock.now_ns(), woke);
    const std::int64_t past = clock.now_ns() - 1000;
    EXPECT_GE(clock.wait_until(past), past + 1000);  // a past deadline returns the time now
  }
}

TEST(SteadyClock, ResolutionIsAPositiveStep) {
  const std::int64_t r = measure_steady_clock_resolution_ns();
  EXPECT_GT(r, 0);
  EXPECT_LT(r, 1'000'000);  // a steady clock coarser than 1 ms is not one we could measure with
}

}  // namespace
}  // namespace tinyperf
