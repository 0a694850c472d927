#include "variants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::workflow {
namespace {

using ::testing::ElementsAre;

data::DatasetSplits small_data() {
  return data::make_synthetic(
      {.train_size = 300, .test_size = 100, .num_features = 64, .num_classes = 4});
}

DeriveSettings small_settings() {
  DeriveSettings s;
  s.finetune_epochs = 1;
  s.finetune_batch_size = 64;
  s.calibration_samples = 100;
  return s;
}

// Fraction of zero weights over every weight matrix of `m`.
double sparsity(const engine::Model& m) {
  double zeros = 0, total = 0;
  for (std::size_t i = 0; i < m.num_layers(); ++i) {
    const std::size_t in = m.input_features_of(i), n = in * m.layer(i).output_features(in);
    if (m.layer(i).parameter_count() == 0) continue;
    zeros += optimize::weight_sparsity(m.layer(i)) * double(n);
    total += double(n);
  }
  return zeros / total;
}

TEST(MakeVariant, CountsAndHashesTheStoredBytes) {
  const engine::Model m = engine::make_mlp(8, {4}, 2, 1);
  const Variant v = make_variant("x", {"t"}, m);
  const std::string bytes = engine::serialize_model(m);
  EXPECT_EQ(v.size_bytes, bytes.size());
  EXPECT_EQ(v.sha256, sha256_hex(bytes));
}

TEST(DeriveVariants, MakesTheFourOptimizationsOfTheIssue) {
  const data::DatasetSplits d = small_data();
  const engine::Model base = engine::make_mlp(64, {32, 16}, 4, 3);
  testing::RecordingObserver obs;
  PhaseTracker tracker(obs, nullptr, 4);
  const std::vector<Variant> v = derive_variants(base, d.train, small_settings(), tracker);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(obs.phases.size(), 4u);
  EXPECT_EQ(v[0].name, "mlp_fp32");
  EXPECT_TRUE(v[0].techniques.empty());
  EXPECT_EQ(v[1].model.precision(), "int8");
  EXPECT_THAT(v[1].techniques, ElementsAre("int8_quantization"));
  EXPECT_LT(v[1].size_bytes, v[0].size_bytes);
  // Structured: half of each hidden layer's neurons removed, dense fp32.
  EXPECT_EQ(v[2].model.input_features_of(2), 16u);
  EXPECT_EQ(v[2].model.input_features_of(4), 8u);
  EXPECT_THAT(v[2].techniques, ElementsAre("structured_pruning", "fine_tuning"));
  // Magnitude: 90 % of all weights zero (one global ranking) and stored as CSR.
  EXPECT_NEAR(sparsity(v[3].model), 0.9, 1e-3);
  EXPECT_EQ(v[3].model.layer(0).kind(), "linear_sparse");
  EXPECT_THAT(v[3].techniques, ElementsAre("magnitude_pruning", "fine_tuning"));
  // Pruned + INT8: the structured model quantized.
  EXPECT_EQ(v[4].model.precision(), "int8");
  EXPECT_EQ(v[4].model.input_features_of(2), 16u);
  EXPECT_THAT(v[4].techniques,
              ElementsAre("structured_pruning", "fine_tuning", "int8_quantization"));
  EXPECT_LT(v[4].size_bytes, v[2].size_bytes);
}

TEST(DeriveVariants, StopsDuringFineTuningWhenAsked) {
  const data::DatasetSplits d = small_data();
  std::atomic<bool> stop{false};
  testing::RecordingObserver obs;
  obs.on_phase = [&](const Phase& p) { stop = p.name.rfind("structured", 0) == 0; };
  PhaseTracker tracker(obs, &stop, 4);
  EXPECT_THROW(
      derive_variants(engine::make_mlp(64, {32, 16}, 4, 3), d.train, small_settings(), tracker),
      Interrupted);
}

}  // namespace
}  // namespace tinyperf::workflow
