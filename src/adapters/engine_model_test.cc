#include "tinyperf/adapters/engine_model.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/quantize.h"

namespace tinyperf::adapters {
namespace {

using testing::expect_scores_match;
using testing::small_model;
using testing::small_rows;

TEST(Footprint, CountsTheWeightsAndBiasesOfADenseModel) {
  const engine::Model m = small_model();
  const ModelFootprint f = footprint(m);
  EXPECT_EQ(f.parameters, 30u);  // 4·4 + 4 + 4·2 + 2
  EXPECT_EQ(f.stored_bytes, engine::serialize_model(m).size());
}

// The seeds' SimpleMLP(10, 20, 3): 10·20 + 20 + 20·3 + 3 = 283 (the TinyTorch capstone's count).
TEST(Footprint, CountsTheSeedsSimpleMlp) {
  EXPECT_EQ(footprint(engine::SimpleMLP(10, 20, 3)).parameters, 283u);
}

TEST(Footprint, Int8KeepsTheCountScalesAndZeroPointsAreNotParameters) {
  const engine::Model dense = small_model();
  const engine::Model q = optimize::quantize_model(dense, small_rows());
  ASSERT_EQ(q.layer(0).kind(), "linear_int8");
  EXPECT_EQ(footprint(q).parameters, 30u);
  EXPECT_EQ(footprint(q).stored_bytes, engine::serialize_model(q).size());
  EXPECT_GT(q.parameter_count(), 30u);  // the engine's tensor count includes the scales
}

TEST(Footprint, SparseCountsTheStoredWeightsNotTheIndices) {
  const engine::Model sparse = optimize::to_sparse(small_model());
  ASSERT_EQ(sparse.layer(0).kind(), "linear_sparse");
  ASSERT_EQ(sparse.layer(2).kind(), "linear_sparse");
  EXPECT_EQ(footprint(sparse).parameters, 5u + 4 + 2 + 2);  // kept weights and the biases
  EXPECT_EQ(footprint(sparse).stored_bytes, engine::serialize_model(sparse).size());
}

// A 32-16-4 MLP pruned per layer to 90 %: the CSR layers keep 512 - 461 and 64 - 58 weights.
TEST(Footprint, CountsStoredWeightsAndBiasesOfAnMlpAndItsVariants) {
  const engine::Model dense = engine::make_mlp(32, {16}, 4, 1);
  EXPECT_EQ(footprint(dense).parameters, 32u * 16 + 16 + 16 * 4 + 4);
  std::vector<float> calibration(64 * 32);
  for (std::size_t i = 0; i < calibration.size(); ++i) calibration[i] = float(i % 7) - 3.0f;
  EXPECT_EQ(footprint(optimize::quantize_model(dense, calibration)).parameters,
            footprint(dense).parameters);
  engine::Model pruned = dense;
  optimize::magnitude_prune(pruned, 0.9);
  EXPECT_EQ(footprint(optimize::to_sparse(pruned)).parameters, 51u + 16 + 6 + 4);
}

TEST(EngineModel, DescribesTheModelWithItsFootprint) {
  const engine::Model m = small_model();
  const EngineModel model("small", m);
  EXPECT_EQ(model.name(), "small");
  EXPECT_EQ(model.input_size(), 4u);
  EXPECT_EQ(model.num_classes(), 2u);
  EXPECT_EQ(model.parameter_count(), 30u);
  EXPECT_EQ(model.stored_size_bytes(), engine::serialize_model(m).size());
}

// fp32, int8 and sparse alike: the fast session's scores are the reference kernels' scores.
TEST(EngineModel, PredictsWhatTheEngineComputes) {
  const engine::Model dense = small_model();
  const std::vector<float> rows = small_rows();
  for (const engine::Model& m :
       {dense, optimize::quantize_model(dense, rows), optimize::to_sparse(dense)}) {
    EngineModel model("m", m);
    std::vector<float> scores(5 * 2);
    model.predict({rows, 5, 4}, scores);
    expect_scores_match(m, rows, 5, scores);
  }
}

TEST(EngineModel, ModelsCanShareOneSession) {
  const engine::Model m = small_model();
  engine::Session session(m);
  EngineModel a("a", m, session), b("b", m, session);
  EXPECT_EQ(&a.session(), &b.session());
  const std::vector<float> rows = small_rows();
  std::vector<float> from_a(2), from_b(2);
  a.predict({std::span(rows).first(4), 1, 4}, from_a);
  b.predict({std::span(rows).first(4), 1, 4}, from_b);
  EXPECT_EQ(from_a, from_b);
  expect_scores_match(m, rows, 1, from_a);
}

TEST(EngineModel, AccuracyThroughTheHarnessIsTheEnginesArgmax) {
  const engine::Model m = small_model();
  const std::vector<float> rows = small_rows();
  const engine::Tensor out = m.forward(rows, 5);
  std::vector<std::int32_t> labels;
  for (std::size_t r = 0; r < 5; ++r) {
    const auto s = out.values<float>().subspan(r * 2, 2);
    labels.push_back(s[1] > s[0] ? 1 : 0);
  }
  labels[0] = 1 - labels[0];  // one wrong of five
  EngineModel model("m", m);
  EXPECT_DOUBLE_EQ(measure::measure_accuracy(model, {"rows", {rows, 5, 4}, labels}, 2), 0.8);
}

TEST(EngineModel, ThrowsTheCallersExceptionOnceStopped) {
  const engine::Model m = small_model();
  std::atomic<bool> stop{false};
  EngineModel model("m", m, {.stop = &stop, .on_stop = [] { throw std::out_of_range("stop"); }});
  const std::vector<float> rows = small_rows();
  std::vector<float> scores(2);
  model.predict({std::span(rows).first(4), 1, 4}, scores);
  EXPECT_FALSE(model.stop_requested());
  stop = true;
  EXPECT_TRUE(model.stop_requested());
  EXPECT_THROW(model.predict({std::span(rows).first(4), 1, 4}, scores), std::out_of_range);
  EngineModel plain("p", m, {.stop = &stop});
  EXPECT_THROW(plain.predict({std::span(rows).first(4), 1, 4}, scores), Error);
}

TEST(EngineModel, RefusesABadSession) {
  const engine::Model m = small_model();
  EXPECT_THROW(EngineModel("m", m, {.session = {.threads = 0}}), InputError);
}

}  // namespace
}  // namespace tinyperf::adapters
