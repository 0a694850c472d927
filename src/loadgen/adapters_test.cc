#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "test_suts.h"
#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/adapters.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::loadgen {
namespace {

using testing::RecordingCompleter;

std::vector<QuerySample> samples(std::uint64_t n) {
  std::vector<QuerySample> out(n);
  for (std::uint64_t i = 0; i < n; ++i) out[i] = {i, 100 + i};
  return out;
}

TEST(CallableSut, RunsTheCallablePerSampleAndCompletesEach) {
  std::vector<std::uint64_t> seen;
  auto sut = CallableSut::per_sample("f", [&](std::uint64_t i) { seen.push_back(i); });
  RecordingCompleter done;
  sut.issue_query(samples(3), done);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{100, 101, 102}));
  EXPECT_EQ(done.ids(), (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_EQ(sut.name(), "f");
}

TEST(CallableSut, BatchesInChunksOfAtMostMaxBatch) {
  std::vector<std::size_t> sizes;
  auto sut = CallableSut::batched(
      "b", [&](std::span<const std::uint64_t> idx) { sizes.push_back(idx.size()); }, 4);
  RecordingCompleter done;
  sut.issue_query(samples(10), done);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{4, 4, 2}));
  EXPECT_EQ(done.calls(), 3u);  // one timestamp per chunk
  EXPECT_EQ(done.ids().size(), 10u);
  EXPECT_THROW(CallableSut::batched(
                   "z", [](std::span<const std::uint64_t>) {}, 0),
               InputError);
}

TEST(CallableSut, KeepsTheFirstErrorAndStillCompletes) {
  auto sut = CallableSut::per_sample("e", [](std::uint64_t i) {
    if (i == 101) throw std::runtime_error("bad sample");
  });
  RecordingCompleter done;
  sut.issue_query(samples(3), done);
  EXPECT_EQ(done.ids().size(), 3u);
  ASSERT_TRUE(sut.first_error());
  EXPECT_THROW(std::rethrow_exception(sut.first_error()), std::runtime_error);
}

TEST(BatchingSut, CompletesEverySampleOnceFromItsWorker) {
  std::atomic<std::size_t> rows{0};
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  BatchingSut sut(
      "w",
      [&](std::span<const std::uint64_t> idx) {
        if (std::this_thread::get_id() == caller) on_caller = true;
        rows += idx.size();
      },
      8);
  RecordingCompleter done;
  const auto all = samples(1000);
  for (std::size_t i = 0; i < all.size(); i += 10) {
    sut.issue_query(std::span(all).subspan(i, 10), done);
  }
  for (int i = 0; i < 2000 && done.ids().size() < 1000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto ids = done.ids();
  std::sort(ids.begin(), ids.end());
  std::vector<std::uint64_t> expected(1000);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(rows.load(), 1000u);
  EXPECT_FALSE(on_caller.load());
  EXPECT_LE(sut.largest_batch(), 8u);
  EXPECT_GE(sut.largest_batch(), 1u);
}

TEST(BatchingSut, CutsAnOfflineQueryIntoMaxBatchChunks) {
  std::vector<std::size_t> sizes;
  std::mutex m;
  BatchingSut sut(
      "w",
      [&](std::span<const std::uint64_t> idx) {
        const std::lock_guard lock(m);
        sizes.push_back(idx.size());
      },
      256);
  RecordingCompleter done;
  sut.issue_query(samples(1000), done);
  for (int i = 0; i < 2000 && done.ids().size() < 1000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const std::lock_guard lock(m);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{256, 256, 256, 232}));
}

TEST(BatchingSut, RunsAServerScenarioOnTheRealClock) {
  BatchingSut sut(
      "w", [](std::span<const std::uint64_t>) {}, 16);
  IndexSampleLibrary qsl("qsl", 100, 100);
  LoadgenSettings s = default_settings(Scenario::kServer);
  s.target_qps = 5000;
  s.min_duration_s = 0.1;
  s.min_query_count = 500;
  s.target_latency_ns = 1'000'000'000;  // 1 s: any sane machine meets it, even under ASan
  const LoadgenResult r = run_scenario(sut, qsl, s);
  EXPECT_EQ(r.sample_count, r.query_count);
  EXPECT_GE(r.query_count, 500u);
  EXPECT_TRUE(r.valid) << (r.invalid_reasons.empty() ? "" : r.invalid_reasons[0]);
  EXPECT_GT(r.clock_resolution_ns, 0);
}

TEST(NullSut, RunsSingleStreamOnTheRealClock) {
  NullSut sut;
  IndexSampleLibrary qsl("qsl", 100, 100);
  LoadgenSettings s = default_settings(Scenario::kSingleStream);
  s.min_duration_s = 0.01;
  s.max_query_count = 100'000;
  const LoadgenResult r = run_scenario(sut, qsl, s);
  EXPECT_TRUE(r.expected_latency_calibrated);
  EXPECT_GE(r.query_count, 100u);
  EXPECT_TRUE(r.min_queries_met);
  EXPECT_GE(r.latency.min_ns, 0);
}

TEST(IndexSampleLibrary, LoadsAndUnloadsTheRunsSet) {
  std::vector<std::uint64_t> loaded, unloaded;
  IndexSampleLibrary qsl(
      "qsl", 50, 20, [&](std::span<const std::uint64_t> i) { loaded.assign(i.begin(), i.end()); },
      [&](std::span<const std::uint64_t> i) { unloaded.assign(i.begin(), i.end()); });
  NullSut sut;
  LoadgenSettings s = default_settings(Scenario::kOffline);
  s.samples_per_query = 100;
  s.min_sample_count = 100;
  s.min_duration_s = 0;
  run_scenario(sut, qsl, s);
  EXPECT_EQ(loaded.size(), 20u);
  EXPECT_EQ(loaded, unloaded);
  EXPECT_EQ(IndexSampleLibrary("x", 5, 10).performance_sample_count(), 5u);
}

}  // namespace
}  // namespace tinyperf::loadgen
