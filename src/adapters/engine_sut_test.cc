#include "tinyperf/adapters/engine_sut.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/loadgen/loadgen.h"

namespace tinyperf::adapters {
namespace {

using testing::small_model;
using testing::small_rows;

// Counts completed samples (thread-safe: the worker SUT completes on its own thread).
class CountingCompleter final : public loadgen::Completer {
 public:
  void complete(std::span<const loadgen::QuerySample> samples) noexcept override {
    const std::lock_guard lock(mutex_);
    completed_ += samples.size();
  }
  std::size_t completed() const {
    const std::lock_guard lock(mutex_);
    return completed_;
  }

 private:
  mutable std::mutex mutex_;
  std::size_t completed_ = 0;
};

// Every batch's scores, by sample index, and the batch sizes in the order they ran.
struct Seen {
  std::mutex mutex;
  std::map<std::uint64_t, std::vector<float>> scores;
  std::vector<std::size_t> batches;
  ScoresFunction record() {
    return [this](std::span<const std::uint64_t> indices, std::span<const float> s) {
      const std::lock_guard lock(mutex);
      batches.push_back(indices.size());
      for (std::size_t i = 0; i < indices.size(); ++i) {
        scores[indices[i]].assign(s.begin() + static_cast<std::ptrdiff_t>(2 * i),
                                  s.begin() + static_cast<std::ptrdiff_t>(2 * i + 2));
      }
    };
  }
};

std::vector<loadgen::QuerySample> query(std::initializer_list<std::uint64_t> indices) {
  std::vector<loadgen::QuerySample> q;
  for (const std::uint64_t i : indices) q.push_back({q.size(), i});
  return q;
}

// Each sample's scores are the engine's reference output for its row.
void expect_engine_scores(const engine::Model& m, const std::vector<float>& rows, Seen& seen) {
  for (const auto& [index, scores] : seen.scores) {
    const auto row = std::span(rows).subspan(index * 4, 4);
    testing::expect_scores_match(m, row, 1, scores);
  }
}

// A query of 7 with max_batch 4: CallableSut cuts it into 4 + 3, the runner runs 3 as 2 + 1.
TEST(EngineSut, RunsEachSampleOnTheIssueThreadAtPreparedBatchSizes) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  EngineModel model("small", m);
  Seen seen;
  EngineSut sut(model, {rows, 5, 4}, 4, SutThreading::kIssueThread, seen.record());
  EXPECT_EQ(sut.name(), "tinyperf-engine:small");
  CountingCompleter done;
  const auto q = query({4, 0, 3, 1, 2, 0, 4});
  sut.issue_query(q, done);
  EXPECT_EQ(done.completed(), 7u);
  EXPECT_EQ(seen.batches, (std::vector<std::size_t>{4, 2, 1}));
  EXPECT_EQ(seen.scores.size(), 5u);
  expect_engine_scores(m, rows, seen);
  EXPECT_EQ(sut.first_error(), nullptr);
}

TEST(EngineSut, WorkerBatchesTheBacklogAndFinishesItBeforeDestruction) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  EngineModel model("small", m);
  Seen seen;
  CountingCompleter done;
  {
    EngineSut sut(model, {rows, 5, 4}, 8, SutThreading::kWorker, seen.record());
    const auto q = query({2, 3, 4, 0, 1});
    sut.issue_query(q, done);
    sut.flush_queries();
  }
  EXPECT_EQ(done.completed(), 5u);
  EXPECT_EQ(seen.scores.size(), 5u);
  expect_engine_scores(m, rows, seen);
}

TEST(EngineSut, DoesNoWorkOnceStoppedButCompletesTheSamples) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  std::atomic<bool> stop{true};
  EngineModel model("small", m, {.stop = &stop});
  Seen seen;
  EngineSut sut(model, {rows, 5, 4}, 4, SutThreading::kIssueThread, seen.record());
  CountingCompleter done;
  sut.issue_query(query({0, 1, 2}), done);
  EXPECT_EQ(done.completed(), 3u);
  EXPECT_TRUE(seen.batches.empty());
  EXPECT_EQ(sut.first_error(), nullptr);
}

TEST(EngineSut, StoresWhatInferenceThrew) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  EngineModel model("small", m);
  EngineSut sut(model, {rows, 5, 4}, 2, SutThreading::kIssueThread,
                [](auto, auto) { throw InputError("broken"); });
  CountingCompleter done;
  sut.issue_query(query({0, 1}), done);
  EXPECT_EQ(done.completed(), 2u);
  ASSERT_NE(sut.first_error(), nullptr);
  EXPECT_THROW(std::rethrow_exception(sut.first_error()), InputError);
}

TEST(EngineSut, RefusesAZeroBatchAndRowsOfTheWrongWidth) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  EngineModel model("small", m);
  EXPECT_THROW(EngineSut(model, {rows, 5, 4}, 0, SutThreading::kWorker), InputError);
  EXPECT_THROW(EngineSut(model, {rows, 4, 5}, 2, SutThreading::kWorker), InputError);
}

TEST(ThreadingFor, WorkerForServerAndOfflineOnly) {
  EXPECT_EQ(threading_for(loadgen::Scenario::kSingleStream), SutThreading::kIssueThread);
  EXPECT_EQ(threading_for(loadgen::Scenario::kMultiStream), SutThreading::kIssueThread);
  EXPECT_EQ(threading_for(loadgen::Scenario::kServer), SutThreading::kWorker);
  EXPECT_EQ(threading_for(loadgen::Scenario::kOffline), SutThreading::kWorker);
}

// A short Offline run through the load generator: every issued sample is answered.
TEST(EngineSut, AnswersAnOfflineRun) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  EngineModel model("small", m);
  EngineSut sut(model, {rows, 5, 4}, 4, SutThreading::kWorker);
  loadgen::IndexSampleLibrary library("rows", 5, 5);
  loadgen::LoadgenSettings s = loadgen::default_settings(loadgen::Scenario::kOffline);
  loadgen::apply_quick(s);
  s.min_duration_s = 0.01;
  s.min_sample_count = 64;
  s.target_qps = 10'000;
  const loadgen::LoadgenResult r = loadgen::run_scenario(sut, library, s);
  EXPECT_EQ(sut.first_error(), nullptr);
  EXPECT_GE(r.sample_count, 64u);
  EXPECT_GT(r.samples_per_second, 0.0);
}

}  // namespace
}  // namespace tinyperf::adapters
