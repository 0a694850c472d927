// The timed part of a run allocates nothing: this test program counts every operator new and a
// SUT checks that the count does not move between its first issue and its last completion.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "test_suts.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace tinyperf::loadgen {
namespace {

// Completes each query at once, 1 µs of simulated time later, and records the allocation count
// seen at every issue; allocates nothing itself.
class CountingSut final : public SystemUnderTest {
 public:
  explicit CountingSut(testing::SimClock& clock) : clock_(clock) {}
  std::string name() const override { return "counting"; }
  void issue_query(std::span<const QuerySample> samples, Completer& completer) override {
    const std::uint64_t now = g_allocations.load();
    if (issues_ == 0) first_ = now;
    last_ = now;
    ++issues_;
    clock_.set(clock_.now_ns() + 1'000);
    completer.complete(samples);
  }
  std::uint64_t issues_ = 0, first_ = 0, last_ = 0;

 private:
  testing::SimClock& clock_;
};

void expect_no_allocation_while_timed(LoadgenSettings s) {
  testing::SimClock clock;
  CountingSut sut(clock);
  IndexSampleLibrary qsl("qsl", 64, 64);
  s.min_duration_s = 0.01;
  s.expected_latency_ns = 1'000;
  const LoadgenResult r = run_scenario(sut, qsl, s, clock);
  EXPECT_GT(sut.issues_, 1000u);
  EXPECT_EQ(sut.last_, sut.first_) << scenario_name(s.scenario) << ": " << sut.last_ - sut.first_
                                   << " allocations while issuing";
  EXPECT_TRUE(r.valid);
}

TEST(TimedPath, SingleStreamIssueAndCompletionDoNotAllocate) {
  expect_no_allocation_while_timed(default_settings(Scenario::kSingleStream));
}

TEST(TimedPath, MultiStreamIssueAndCompletionDoNotAllocate) {
  expect_no_allocation_while_timed(default_settings(Scenario::kMultiStream));
}

TEST(TimedPath, ServerIssueAndCompletionDoNotAllocate) {
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 200'000;
  s.min_query_count = 500;
  expect_no_allocation_while_timed(s);
}

}  // namespace
}  // namespace tinyperf::loadgen
