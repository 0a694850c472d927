#include "measure_variants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace tinyperf::workflow {
namespace {

data::DatasetSplits small_data() {
  return data::make_synthetic(
      {.train_size = 200, .test_size = 100, .num_features = 32, .num_classes = 4});
}

TEST(EngineModel, PredictsWithTheVariantAndStopsWhenAsked) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  std::atomic<bool> stop{false};
  const auto m = engine_model(v, 1, &stop);
  EXPECT_EQ(m->name(), "m");
  EXPECT_EQ(m->stored_size_bytes(), v.size_bytes);
  EXPECT_EQ(m->parameter_count(), 32u * 16 + 16 + 16 * 4 + 4);
  std::vector<float> scores(4);
  const measure::FeatureRows row{std::span(d.test.features).first(32), 1, 32};
  m->predict(row, scores);
  EXPECT_NEAR(scores[0] + scores[1] + scores[2] + scores[3], 1.0, 1e-5);  // softmax output
  stop = true;
  EXPECT_THROW(m->predict(row, scores), Interrupted);
}

RunBudget offline_budget() {
  RunBudget b = testing::tiny_budget();
  b.offline_batch = 16;
  return b;
}

TEST(RunOffline, MeasuresSamplesPerSecondOnBatches) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  const auto m = engine_model(v, 1, nullptr);
  const loadgen::LoadgenResult r = run_offline(*m, d.test, offline_budget(), 42, nullptr);
  EXPECT_GE(r.sample_count, 256u);
  EXPECT_GT(r.samples_per_second, 0.0);
  submission::BenchmarkReport rep("m", measure::SystemInfo{});
  rep.metrics.throughput_samples_per_sec = 1.0;
  put_offline(rep, r, 16);
  EXPECT_EQ(rep.metrics.throughput_samples_per_sec, r.samples_per_second);
  EXPECT_EQ(rep.measurement["throughput"]["harness_batch_samples_per_sec"], 1.0);
  EXPECT_EQ(rep.measurement["throughput"]["method"], "loadgen_offline");
}

TEST(RunOffline, DoesNoWorkAndThrowsOnceStopped) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  std::atomic<bool> stop{true};
  const auto m = engine_model(v, 1, &stop);
  EXPECT_THROW(run_offline(*m, d.test, offline_budget(), 42, &stop), Interrupted);
}

TEST(CompactScenarioJson, KeepsLoadgenKeysButNotTheRawLatencies) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  const auto m = engine_model(v, 1, nullptr);
  const auto j = compact_scenario_json(run_offline(*m, d.test, offline_budget(), 42, nullptr), "m");
  EXPECT_EQ(j["model_name"], "m");
  EXPECT_EQ(j["scenario"], "Offline");
  EXPECT_TRUE(j["result_samples_per_second"].is_number());
  EXPECT_EQ(j["mlperf_comparable"], false);  // quick settings
  EXPECT_TRUE(j["settings"].contains("min_sample_count"));
  EXPECT_FALSE(j.contains("latencies_ns"));
  EXPECT_FALSE(j.contains("sample_latencies_ns"));
}

}  // namespace
}  // namespace tinyperf::workflow
