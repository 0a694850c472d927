// Calibration and whole-model quantization.
#include <cmath>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/train.h"
#include "tinyperf/optimize/quantize.h"

namespace tinyperf::optimize {
namespace {

using engine::Linear;
using engine::Model;

// 1 input → Linear(w = 2, b = -50) → ReLU → Linear(1, 1).
Model tiny_model() {
  Model m(1);
  auto a = std::make_unique<Linear>(1, 1);
  a->weight().values<float>()[0] = 2.0f;
  a->bias().values<float>()[0] = -50.0f;
  m.add(std::move(a));
  m.add(std::make_unique<engine::ReLU>());
  m.add(std::make_unique<Linear>(1, 1));
  return m;
}

std::vector<float> zero_to_hundred() {
  std::vector<float> x;
  for (int i = 0; i <= 100; ++i) x.push_back(static_cast<float>(i));
  return x;
}

// tiny_model() calibrated on the inputs 0, 1, ..., 100.
std::vector<std::optional<ActivationRange>> calibrate_tiny(const QuantizeOptions& o) {
  return calibrate(tiny_model(), zero_to_hundred(), o);
}

TEST(Calibrate, MinMaxSeesEachLinearLayersInput) {
  const auto r = calibrate_tiny({.method = CalibrationMethod::kMinMax});
  ASSERT_EQ(r.size(), 3u);
  ASSERT_TRUE(r[0] && r[2]);
  EXPECT_FALSE(r[1]);
  EXPECT_EQ(r[0]->lo, 0.0f);
  EXPECT_EQ(r[0]->hi, 100.0f);
  EXPECT_EQ(r[2]->lo, 0.0f);  // max(0, 2x - 50)
  EXPECT_EQ(r[2]->hi, 150.0f);
}

TEST(Calibrate, PercentileInterpolatesBetweenOrderStatistics) {
  // 101 values 0..100: the 0.995 quantile is at position 99.5 → 99.5; the 0.005 one at 0.5 → 0.5.
  const auto r = calibrate_tiny({.method = CalibrationMethod::kPercentile, .percentile = 99.5});
  EXPECT_FLOAT_EQ(r[0]->hi, 99.5f);
  EXPECT_FLOAT_EQ(r[0]->lo, 0.5f);
  // Layer 2 sees 25 zeros then 2, 4, ..., 150: position 99.5 lies between 148 and 150 → 149.
  EXPECT_FLOAT_EQ(r[2]->hi, 149.0f);
}

TEST(Calibrate, SamplesRowsDeterministicallyAndIgnoresNonFinite) {
  QuantizeOptions o = {.method = CalibrationMethod::kMinMax, .calibration_samples = 10};
  const auto a = calibrate_tiny(o);
  const auto b = calibrate_tiny(o);
  EXPECT_EQ(a[0]->hi, b[0]->hi);
  EXPECT_LT(a[0]->hi - a[0]->lo, 100.0f);  // 10 of 101 rows
  std::vector<float> x = {1.0f, NAN, INFINITY, 3.0f};
  o.calibration_samples = 1000;
  const auto c = calibrate(tiny_model(), x, o);
  EXPECT_EQ(c[0]->lo, 1.0f);
  EXPECT_EQ(c[0]->hi, 3.0f);
}

TEST(Calibrate, RejectsBadInput) {
  EXPECT_THROW(calibrate(tiny_model(), {}), InputError);
  QuantizeOptions o;
  o.percentile = 40;
  EXPECT_THROW(calibrate_tiny(o), InputError);
  o = {};
  o.calibration_samples = 0;
  EXPECT_THROW(calibrate_tiny(o), InputError);
  const Model wide = engine::make_mlp(3, {2}, 2, 1);
  EXPECT_THROW(calibrate(wide, std::vector<float>(4, 1.0f)), InputError);  // not whole rows
  EXPECT_THROW(parse_calibration_method("median"), InputError);
  EXPECT_EQ(parse_calibration_method("minmax"), CalibrationMethod::kMinMax);
}

TEST(QuantizeModel, KeepsTheAccuracyOfATrainedModel) {
  data::SyntheticOptions so;
  so.train_size = 3000;
  so.test_size = 1000;
  so.num_features = 64;
  so.center_spread = 1.0;
  const data::DatasetSplits d = data::make_synthetic(so);
  Model m = engine::make_mlp(64, {48, 24}, 10, 3);
  engine::TrainOptions to;
  to.epochs = 5;
  engine::train(m, {d.train.features, d.train.labels, 64}, to);
  const Model q = quantize_model(m, d.train.features);
  EXPECT_EQ(q.precision(), "int8");
  EXPECT_EQ(q.layer(0).kind(), "linear_int8");
  EXPECT_EQ(q.layer(1).kind(), "relu");
  EXPECT_EQ(q.layer(5).kind(), "softmax");
  EXPECT_TRUE(q.metadata().contains("quantization"));
  const engine::LabeledData test{d.test.features, d.test.labels, 64};
  const double fp32 = engine::evaluate(m, test), int8 = engine::evaluate(q, test);
  EXPECT_GT(fp32, 0.8);
  EXPECT_NEAR(int8, fp32, 0.01);
  // Arg-max agreement between the fp32 and int8 outputs.
  const auto a = testing::run(m, engine::Backend::kFast, d.test.features, 1000);
  const auto b = testing::run(q, engine::Backend::kFast, d.test.features, 1000);
  int agree = 0;
  for (std::size_t i = 0; i < 1000; ++i) {
    agree += std::max_element(a.begin() + 10 * i, a.begin() + 10 * i + 10) - (a.begin() + 10 * i) ==
             std::max_element(b.begin() + 10 * i, b.begin() + 10 * i + 10) - (b.begin() + 10 * i);
  }
  EXPECT_GE(agree, 980);
}

TEST(QuantizeModel, AllZeroAndConstantWeightsQuantizeWithoutDividingByZero) {
  for (float value : {0.0f, 0.25f}) {
    Model m = engine::make_mlp(5, {4}, 3, 1, false);
    for (std::size_t i : {0u, 2u}) {
      auto& l = dynamic_cast<Linear&>(m.layer(i));
      for (float& w : l.weight().values<float>()) w = value;
      for (float& b : l.bias().values<float>()) b = value;
    }
    // Calibration inputs all zero too: every range is [0, 0].
    const Model q = quantize_model(m, std::vector<float>(5 * 8, 0.0f));
    const auto x = testing::random_values(5 * 2, 2);
    for (engine::Backend backend :
         {engine::Backend::kReference, engine::Backend::kFast, engine::Backend::kOneDnn}) {
      const auto y = testing::run(q, backend, x, 2);
      for (float v : y) EXPECT_TRUE(std::isfinite(v));
    }
    // With zero inputs the outputs are the biases passed through: value·4·relu(value) + value.
    const auto y0 = testing::run(q, engine::Backend::kReference, std::vector<float>(5, 0.0f), 1);
    EXPECT_NEAR(y0[0], value + 4 * value * value, 1e-2 * (value + 1e-3));
  }
}

}  // namespace
}  // namespace tinyperf::optimize
