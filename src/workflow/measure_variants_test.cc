#include "measure_variants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/quantize.h"

namespace tinyperf::workflow {
namespace {

data::DatasetSplits small_data() {
  data::SyntheticOptions o;
  o.train_size = 200;
  o.test_size = 100;
  o.num_features = 32;
  o.num_classes = 4;
  return data::make_synthetic(o);
}

TEST(WeightAndBiasCount, CountsStoredWeightsAndBiasesOnly) {
  const engine::Model dense = engine::make_mlp(32, {16}, 4, 1);
  EXPECT_EQ(weight_and_bias_count(dense), 32u * 16 + 16 + 16 * 4 + 4);
  const data::DatasetSplits d = small_data();
  // int8: the same weights and biases; scales and zero points are not parameters.
  EXPECT_EQ(weight_and_bias_count(optimize::quantize_model(dense, d.train.features)),
            weight_and_bias_count(dense));
  // CSR: the kept weights (values) and the biases; column indices and row pointers are not.
  engine::Model pruned = dense;
  optimize::magnitude_prune(pruned, 0.9);
  const engine::Model sparse = optimize::to_sparse(pruned);
  EXPECT_EQ(weight_and_bias_count(sparse), 51u + 16 + 6 + 4);  // 512 - 461 and 64 - 58 kept
}

TEST(EngineModel, PredictsWithTheVariantAndStopsWhenAsked) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  std::atomic<bool> stop{false};
  EngineModel m(v, 1, &stop);
  EXPECT_EQ(m.name(), "m");
  EXPECT_EQ(m.stored_size_bytes(), v.size_bytes);
  std::vector<float> scores(4);
  const measure::FeatureRows row{std::span(d.test.features).first(32), 1, 32};
  m.predict(row, scores);
  EXPECT_NEAR(scores[0] + scores[1] + scores[2] + scores[3], 1.0, 1e-5);  // softmax output
  stop = true;
  EXPECT_THROW(m.predict(row, scores), Interrupted);
}

RunBudget offline_budget() {
  RunBudget b = testing::tiny_budget();
  b.offline_batch = 16;
  return b;
}

TEST(RunOffline, MeasuresSamplesPerSecondOnBatches) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  EngineModel m(v, 1, nullptr);
  const loadgen::LoadgenResult r = run_offline(m, d.test, offline_budget(), 42, nullptr);
  EXPECT_GE(r.sample_count, 256u);
  EXPECT_GT(r.samples_per_second, 0.0);
  submission::BenchmarkReport rep("m", measure::SystemInfo{});
  rep.metrics["throughput_samples_per_sec"] = 1.0;
  put_offline(rep, r, 16);
  EXPECT_EQ(rep.metrics["throughput_samples_per_sec"], r.samples_per_second);
  EXPECT_EQ(rep.measurement["throughput"]["harness_batch_samples_per_sec"], 1.0);
  EXPECT_EQ(rep.measurement["throughput"]["method"], "loadgen_offline");
}

TEST(RunOffline, DoesNoWorkAndThrowsOnceStopped) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  std::atomic<bool> stop{true};
  EngineModel m(v, 1, &stop);
  EXPECT_THROW(run_offline(m, d.test, offline_budget(), 42, &stop), Interrupted);
}

TEST(CompactScenarioJson, KeepsLoadgenKeysButNotTheRawLatencies) {
  const data::DatasetSplits d = small_data();
  const Variant v = make_variant("m", {}, engine::make_mlp(32, {16}, 4, 1));
  EngineModel m(v, 1, nullptr);
  const auto j = compact_scenario_json(run_offline(m, d.test, offline_budget(), 42, nullptr), "m");
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
