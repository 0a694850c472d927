// Magnitude and structured pruning.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

using engine::Linear;
using engine::Model;

std::size_t zeros(const Linear& l) {
  const auto w = l.weight().values<float>();
  return static_cast<std::size_t>(std::count(w.begin(), w.end(), 0.0f));
}

const Linear& linear(const Model& m, std::size_t i) {
  return dynamic_cast<const Linear&>(m.layer(i));
}

TEST(MagnitudePrune, PerLayerReachesTheTargetExactly) {
  Model m = engine::make_mlp(37, {23, 11}, 5, 1);
  // 0.9 of 851, 253 and 55 weights: round(765.9) = 766, round(227.7) = 228, round(49.5) = 50 (half
  // away from zero).
  EXPECT_EQ(magnitude_prune(m, 0.9, PruneScope::kLayer), 766u + 228u + 50u);
  EXPECT_EQ(zeros(linear(m, 0)), 766u);
  EXPECT_EQ(zeros(linear(m, 2)), 228u);
  EXPECT_EQ(zeros(linear(m, 4)), 50u);
}

TEST(MagnitudePrune, RemovesTheSmallestMagnitudes) {
  Model m(4);
  auto l = std::make_unique<Linear>(4, 2);
  const std::vector<float> w = {0.5f, -0.1f, 0.3f, -0.7f, 0.2f, 0.05f, -0.6f, 0.4f};
  std::copy(w.begin(), w.end(), l->weight().values<float>().begin());
  m.add(std::move(l));
  magnitude_prune(m, 0.5, PruneScope::kLayer);  // the 4 smallest |w|: 0.05, 0.1, 0.2, 0.3
  const auto got = linear(m, 0).weight().values<float>();
  EXPECT_EQ(std::vector<float>(got.begin(), got.end()),
            (std::vector<float>{0.5f, 0, 0, -0.7f, 0, 0, -0.6f, 0.4f}));
}

TEST(MagnitudePrune, GlobalUsesOneThresholdAcrossLayers) {
  Model m(2);
  auto a = std::make_unique<Linear>(2, 2);  // big weights
  auto b = std::make_unique<Linear>(2, 2);  // small weights
  for (float& w : a->weight().values<float>()) w = 5.0f;
  const std::vector<float> small = {0.1f, 0.2f, 0.3f, 0.4f};
  std::copy(small.begin(), small.end(), b->weight().values<float>().begin());
  m.add(std::move(a));
  m.add(std::move(b));
  EXPECT_EQ(magnitude_prune(m, 0.5, PruneScope::kGlobal), 4u);
  EXPECT_EQ(zeros(linear(m, 0)), 0u);
  EXPECT_EQ(zeros(linear(m, 1)), 4u);
  Model big = engine::make_mlp(50, {30}, 7, 2);
  magnitude_prune(big, 0.75, PruneScope::kGlobal);
  EXPECT_EQ(zeros(linear(big, 0)) + zeros(linear(big, 2)),
            std::size_t(std::llround(0.75 * (1500 + 210))));
}

TEST(MagnitudePrune, RejectsBadSparsityAndModelsWithoutLinear) {
  Model m = engine::make_mlp(4, {3}, 2, 1);
  EXPECT_THROW(magnitude_prune(m, 1.5), InputError);
  EXPECT_THROW(magnitude_prune(m, -0.1), InputError);
  EXPECT_THROW(magnitude_prune(m, NAN), InputError);
  Model none(4);
  none.add(std::make_unique<engine::ReLU>());
  EXPECT_THROW(magnitude_prune(none, 0.5), InputError);
}

TEST(ToSparse, StoresSparseOnlyWhenSmaller) {
  Model m = engine::make_mlp(100, {50}, 10, 3);
  magnitude_prune(m, 0.9, PruneScope::kLayer);
  const Model s = to_sparse(m);
  EXPECT_EQ(s.layer(0).kind(), "linear_sparse");
  EXPECT_EQ(s.layer(2).kind(), "linear_sparse");
  EXPECT_EQ(to_dense(s).layer(0).kind(), "linear");
  EXPECT_EQ(linear(to_dense(s), 0).weight(), linear(m, 0).weight());
  const Model dense = engine::make_mlp(100, {50}, 10, 3);
  EXPECT_EQ(to_sparse(dense).layer(0).kind(), "linear");  // nothing pruned: dense is smaller
  const auto x = testing::random_values(3 * 100, 4);
  EXPECT_EQ(s.forward(x, 3).values<float>().size(), 30u);
}

TEST(StructuredPrune, RemovesTheLowestNormNeuronsAndTheirOutgoingWeights) {
  // 3 inputs → 4 hidden → 2 outputs. Hidden rows have norms 1, 0.1, 3, 0.2: fraction 0.5 removes
  // rows 1 and 3, and columns 1 and 3 of the output layer.
  Model m(3);
  auto h = std::make_unique<Linear>(3, 4);
  const std::vector<float> hw = {1, 0, 0, 0.1f, 0, 0, 0, 3, 0, 0, 0, 0.2f};
  std::copy(hw.begin(), hw.end(), h->weight().values<float>().begin());
  const std::vector<float> hb = {0.5f, 0.6f, 0.7f, 0.8f};
  std::copy(hb.begin(), hb.end(), h->bias().values<float>().begin());
  auto o = std::make_unique<Linear>(4, 2);
  const std::vector<float> ow = {1, 2, 3, 4, 5, 6, 7, 8};
  std::copy(ow.begin(), ow.end(), o->weight().values<float>().begin());
  m.add(std::move(h));
  m.add(std::make_unique<engine::ReLU>());
  m.add(std::move(o));
  m.add(std::make_unique<engine::Softmax>());
  const Model p = structured_prune(m, 0.5);
  ASSERT_EQ(linear(p, 0).out_features(), 2u);
  ASSERT_EQ(linear(p, 2).in_features(), 2u);
  const auto pw = linear(p, 0).weight().values<float>();
  EXPECT_EQ(std::vector<float>(pw.begin(), pw.end()), (std::vector<float>{1, 0, 0, 0, 3, 0}));
  const auto pb = linear(p, 0).bias().values<float>();
  EXPECT_EQ(std::vector<float>(pb.begin(), pb.end()), (std::vector<float>{0.5f, 0.7f}));
  const auto qw = linear(p, 2).weight().values<float>();
  EXPECT_EQ(std::vector<float>(qw.begin(), qw.end()), (std::vector<float>{1, 3, 5, 7}));
  EXPECT_EQ(p.layer(3).kind(), "softmax");
}

TEST(StructuredPrune, KeptNeuronsComputeWhatTheyDidBefore) {
  Model m = engine::make_mlp(20, {16, 8}, 4, 5, false);
  const Model p = structured_prune(m, 0.5);
  EXPECT_EQ(linear(p, 0).out_features(), 8u);
  EXPECT_EQ(linear(p, 2).out_features(), 4u);
  EXPECT_EQ(linear(p, 2).in_features(), 8u);
  EXPECT_EQ(linear(p, 4).in_features(), 4u);
  EXPECT_EQ(linear(p, 4).out_features(), 4u);
  // The first hidden layer's kept outputs equal the original's outputs for those neurons.
  const auto x = testing::random_values(20, 6);
  Model first_orig(20), first_pruned(20);
  first_orig.add(m.layer(0).clone());
  first_pruned.add(p.layer(0).clone());
  const engine::Tensor ya = first_orig.forward(x, 1), yb = first_pruned.forward(x, 1);
  const auto a = ya.values<float>();
  const auto b = yb.values<float>();
  std::size_t matched = 0;
  for (float v : b) matched += std::count(a.begin(), a.end(), v) > 0 ? 1 : 0;
  EXPECT_EQ(matched, 8u);
}

TEST(StructuredPrune, GlobalScopeKeepsANeuronPerLayerAndRejectsOtherKinds) {
  Model m = engine::make_mlp(10, {6, 6}, 3, 7);
  // Zero all incoming weights of the second hidden layer: globally they rank lowest.
  for (float& w : dynamic_cast<Linear&>(m.layer(2)).weight().values<float>()) w = 0.0f;
  const Model p = structured_prune(m, 0.5, PruneScope::kGlobal);  // removes 6 of 12
  EXPECT_EQ(linear(p, 2).out_features(), 1u);                     // 5 removed there, one kept
  EXPECT_EQ(linear(p, 0).out_features(), 5u);
  EXPECT_THROW(structured_prune(m, 1.0), InputError);
  EXPECT_THROW(structured_prune(to_sparse(m), 0.5), UnsupportedError);
}

TEST(FinetuneMasked, KeepsPrunedWeightsAtZero) {
  Model m = engine::make_mlp(8, {6}, 3, 9, false);
  magnitude_prune(m, 0.8);
  const std::size_t before = zeros(linear(m, 0)) + zeros(linear(m, 2));
  const auto x = testing::random_values(64 * 8, 10);
  std::vector<std::int32_t> y(64);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<std::int32_t>(i % 3);
  engine::TrainOptions options;
  options.epochs = 2;
  options.batch_size = 16;
  finetune_masked(m, {x, y, 8}, options);
  EXPECT_EQ(zeros(linear(m, 0)) + zeros(linear(m, 2)), before);
}

}  // namespace
}  // namespace tinyperf::optimize
