// The whole run on the synthetic task with a tiny budget: what it writes, what it records, and
// what it leaves behind when interrupted.
#include "tinyperf/workflow/run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/store/store.h"
#include "tinyperf/submission/validate.h"

namespace tinyperf::workflow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RecordingObserver;
using testing::TempDir;

// One baseline cache for the whole program, so the tiny baseline is trained once.
const std::string& shared_cache() {
  static const TempDir dir;
  static const std::string path = dir / "cache";
  return path;
}

RunOptions tiny_options(const TempDir& dir) {
  RunOptions o;
  o.data = "synthetic";
  o.quick = true;
  o.budget = testing::tiny_budget();
  o.out_dir = dir / "out";
  o.db = dir / "history.db";
  o.cache_dir = shared_cache();
  o.command = "workflow_test";
  return o;
}

TEST(Run, WritesTheThreeFilesAndOneHistoryRowThenReusesTheBaseline) {
  TempDir dir;
  RecordingObserver obs;
  const RunResult r = run(tiny_options(dir), obs);
  EXPECT_THAT(testing::files_under(dir / "out"),
              ::testing::UnorderedElementsAre("submission.json", "report.html", "report.md"));
  const nlohmann::json doc = read_json_file(dir / "out/submission.json");
  EXPECT_TRUE(submission::validate_submission(doc).valid());
  EXPECT_EQ(doc.dump(), submission::to_json(r.submission).dump());
  EXPECT_EQ(doc["baseline"]["model_name"], "mlp_fp32");
  EXPECT_EQ(doc["optimized"]["model_name"], r.submitted);
  EXPECT_EQ(doc["candidates"].size(), 3u);
  EXPECT_EQ(doc["workload"]["dataset"]["num_samples"], 1000);
  EXPECT_EQ(doc["settings"]["quick"], true);
  // The latency figures are the pooled samples of worker runs, not rounds paired in one process;
  // the verdicts are made over runs.
  EXPECT_EQ(doc["settings"]["interleaved"], false);
  EXPECT_EQ(doc["baseline"]["measurement"]["latency"]["method"], "worker_runs");
  EXPECT_EQ(doc["baseline"]["measurement"]["latency"]["run_medians_ms"].size(), 2u);
  EXPECT_EQ(doc["improvements"]["test"], "t_test_log_run_medians");
  EXPECT_EQ(doc["improvements"]["runs"]["baseline"], 2);
  EXPECT_EQ(doc["baseline"]["samples"]["latency_ms"].size(), 40u);  // 2 runs of 20
  EXPECT_THAT(doc["warnings"].dump(), HasSubstr("not seen run-to-run variance"));
  EXPECT_EQ(doc["scenarios"]["offline"]["model_name"], r.submitted);
  EXPECT_FALSE(doc["scenarios"]["offline"].contains("latencies_ns"));
  EXPECT_THAT(doc["warnings"].dump(), HasSubstr("quick run"));
  EXPECT_EQ(r.variants.size(), 5u);
  EXPECT_EQ(obs.phases.size(), 11u);
  EXPECT_EQ(obs.finished.size(), 11u);
  ASSERT_TRUE(r.history_id.has_value());
  auto store = store::open_store(dir / "history.db", store::OpenMode::kExisting);
  EXPECT_EQ(store->list_runs().size(), 1u);

  RecordingObserver again;
  RunOptions o = tiny_options(dir);
  o.out_dir = dir / "out2";
  const RunResult second = run(o, again);
  EXPECT_EQ(second.baseline_source, "cache");
  EXPECT_EQ(second.baseline_path, r.baseline_path);
  EXPECT_EQ(store->list_runs().size(), 2u);
}

TEST(Run, SummarizesEveryVariantAsJson) {
  TempDir dir;
  RecordingObserver obs;
  RunOptions o = tiny_options(dir);
  o.record_history = false;
  const nlohmann::json j = run(o, obs).to_json();
  EXPECT_EQ(j["data"], "synthetic");
  EXPECT_EQ(j["history"], nullptr);
  EXPECT_EQ(j["quick"], true);
  ASSERT_EQ(j["variants"].size(), 5u);
  std::vector<std::string> names;
  for (const auto& v : j["variants"]) names.push_back(v["name"]);
  EXPECT_THAT(names, ElementsAre("mlp_fp32", "mlp_int8", "mlp_structured_pruned",
                                 "mlp_magnitude_pruned", "mlp_pruned_int8"));
  EXPECT_EQ(j["variants"][0]["role"], "baseline");
  EXPECT_EQ(j["variants"][0]["speedup"], nullptr);
  EXPECT_TRUE(j["variants"][1]["speedup"].is_number());
  EXPECT_EQ(j["variants"][1]["precision"], "int8");
  EXPECT_LT(j["variants"][1]["size_bytes"], j["variants"][0]["size_bytes"]);
  EXPECT_GT(j["variants"][3]["throughput_samples_per_sec"], 0.0);
  EXPECT_FALSE(std::filesystem::exists(dir / "history.db"));
}

// Requests a stop when the phase whose name starts with `prefix` begins.
void stop_at(RecordingObserver& obs, std::atomic<bool>& stop, const std::string& prefix) {
  obs.on_phase = [&stop, prefix](const Phase& p) {
    if (p.name.rfind(prefix, 0) == 0) stop = true;
  };
}

void expect_nothing_written(const TempDir& dir) {
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
  EXPECT_FALSE(std::filesystem::exists(dir / "history.db"));
  for (const auto& f : testing::files_under(shared_cache())) {
    EXPECT_THAT(f, ::testing::EndsWith(".safetensors"));  // no temp file of an atomic write
  }
}

TEST(Run, InterruptedDuringMeasurementWritesNothing) {
  TempDir dir;
  std::atomic<bool> stop{false};
  RecordingObserver obs;
  stop_at(obs, stop, "measure accuracy");
  RunOptions o = tiny_options(dir);
  o.stop = &stop;
  EXPECT_THROW(run(o, obs), Interrupted);
  expect_nothing_written(dir);
}

TEST(Run, InterruptedBetweenOfflineRunsWritesNothing) {
  TempDir dir;
  std::atomic<bool> stop{false};
  RecordingObserver obs;
  obs.on_advance = [&](std::uint64_t done) {
    if (obs.phases.back().rfind("measure Offline", 0) == 0 && done == 1) stop = true;
  };
  RunOptions o = tiny_options(dir);
  o.stop = &stop;
  EXPECT_THROW(run(o, obs), Interrupted);
  EXPECT_EQ(obs.phases.back(), "measure Offline throughput (LoadGen)");
  expect_nothing_written(dir);
}

TEST(Run, StopsBeforeAnythingWhenAlreadyAsked) {
  TempDir dir;
  std::atomic<bool> stop{true};
  RecordingObserver obs;
  RunOptions o = tiny_options(dir);
  o.stop = &stop;
  EXPECT_THROW(run(o, obs), Interrupted);
  EXPECT_TRUE(obs.phases.empty());
  expect_nothing_written(dir);
}

TEST(Run, RefusesAnOutputPathThatIsAFileBeforeMeasuring) {
  TempDir dir;
  std::ofstream(dir / "out") << "x";
  RecordingObserver obs;
  try {
    run(tiny_options(dir), obs);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("out_dir "));
    EXPECT_EQ(e.field(), "out_dir");
  }
  EXPECT_TRUE(obs.phases.empty());
}

TEST(Run, RejectsBadThreadCounts) {
  TempDir dir;
  RecordingObserver obs;
  RunOptions o = tiny_options(dir);
  o.threads = 0;
  EXPECT_THROW(run(o, obs), InputError);
}

TEST(QuickBudget, IsSmallerThanTheFullOneAndMarkedQuick) {
  const RunBudget q = quick_budget(), f = full_budget();
  EXPECT_LT(q.train_epochs, f.train_epochs);
  EXPECT_LT(q.latency_rounds, f.latency_rounds);
  EXPECT_LT(q.offline_min_duration_s, f.offline_min_duration_s);
  EXPECT_TRUE(q.offline_quick);
  EXPECT_FALSE(f.offline_quick);
}

}  // namespace
}  // namespace tinyperf::workflow
