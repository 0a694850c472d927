// The int8 kernels against the int8 reference loops, and the quantization arithmetic.
//
// Tolerances. The integer part (quantized input, int32 sums) is exact in every kernel. The VNNI
// batch-1 kernel evaluates the epilogue scale × (float(acc − comp) + bias_div) with the same float
// operations as the reference, so it must match bit for bit. oneDNN evaluates
// scale × (float(acc) + (bias_div − comp)): each of its float roundings errs by at most half an ulp
// of a value bounded by M = |acc| + |comp| + |bias_div|, so we allow scale × 4 × 2⁻²⁴ × M plus one
// ulp of the result; a wrong weight, a dropped bias or a lost zero-point correction is off by at
// least scale × 1 (one quantization step), which that bound excludes for the sizes tested here.
#include <cfloat>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "int8_kernels.h"
#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/layer.h"

namespace tinyperf::optimize {
namespace {

using namespace testing;  // test_util.h: engine names, random values and layers

TEST(ActivationQuant, NonNegativeRangeUsesZeroPointZero) {
  const ActivationQuant q = choose_activation_quant(0.0f, 1.0f);
  EXPECT_EQ(q.zero_point, 0);
  EXPECT_FLOAT_EQ(q.scale, 1.0f / 255.0f);
  // Pixels k/255 are exact: 128/255 → 128.
  EXPECT_EQ(quantize_activation(128.0f / 255.0f, q), 128);
  EXPECT_EQ(quantize_activation(2.0f, q), 255);  // clipped
  EXPECT_EQ(quantize_activation(-1.0f, q), 0);   // clipped
}

TEST(ActivationQuant, SignedRangeGetsZeroPointThatRepresentsZeroExactly) {
  // [-1, 3]: scale 4/255, zero point round(1 / (4/255)) = round(63.75) = 64.
  const ActivationQuant q = choose_activation_quant(-1.0f, 3.0f);
  EXPECT_FLOAT_EQ(q.scale, 4.0f / 255.0f);
  EXPECT_EQ(q.zero_point, 64);
  EXPECT_EQ(quantize_activation(0.0f, q), 64);
  EXPECT_EQ(quantize_activation(-1.0f, q), 0);   // -1/(4/255) = -63.75 → -64 → 0
  EXPECT_EQ(quantize_activation(3.0f, q), 255);  // 191.25 → 191, + 64 = 255
}

TEST(ActivationQuant, DegenerateRangesNeverDivideByZero) {
  for (auto [lo, hi] : {std::pair{0.0f, 0.0f}, std::pair{1e-30f, 1e-30f}, std::pair{-0.0f, 0.0f}}) {
    const ActivationQuant q = choose_activation_quant(lo, hi);
    EXPECT_EQ(q.scale, 1.0f);
    EXPECT_EQ(q.zero_point, 0);
  }
  const ActivationQuant nan = choose_activation_quant(std::nanf(""), std::nanf(""));
  EXPECT_EQ(nan.scale, 1.0f);
  const ActivationQuant wide = choose_activation_quant(-FLT_MAX, FLT_MAX);
  EXPECT_TRUE(std::isfinite(wide.scale));
  EXPECT_GT(wide.scale, 0.0f);
  // Rounding is half to even: with scale 1, 2.5 → 2 and 3.5 → 4; NaN input → 0.
  EXPECT_EQ(quantize_activation(2.5f, {1.0f, 0}), 2);
  EXPECT_EQ(quantize_activation(3.5f, {1.0f, 0}), 4);
  EXPECT_EQ(quantize_activation(std::nanf(""), {1.0f, 10}), 0);
  EXPECT_EQ(quantize_activation(INFINITY, {1.0f, 10}), 255);
}

TEST(QuantizeWeight, SymmetricPerOutputChannel) {
  // Row 0: max |w| = 2 → scale 2/127; row 1: max 0.5 → scale 0.5/127.
  const Tensor w =
      Tensor::from_floats({2, 3}, std::vector<float>{2.0f, -1.0f, 0.5f, 0.25f, -0.5f, 0.0f});
  const QuantizedWeight q = quantize_weight(w);
  EXPECT_FLOAT_EQ(q.scale.values<float>()[0], 2.0f / 127.0f);
  EXPECT_FLOAT_EQ(q.scale.values<float>()[1], 0.5f / 127.0f);
  // -1 / (2/127) = -63.5 → -64 (half to even); 0.5 / (2/127) = 31.75 → 32; 0.25/(0.5/127) = 63.5
  // → 64.
  const std::vector<std::int8_t> want = {127, -64, 32, 64, -127, 0};
  const auto got = q.weight.values<std::int8_t>();
  EXPECT_EQ(std::vector<std::int8_t>(got.begin(), got.end()), want);
}

TEST(QuantizeWeight, AllZeroAndConstantRowsNeedNoDivisionByZero) {
  const Tensor w =
      Tensor::from_floats({2, 4}, std::vector<float>{0, 0, 0, 0, 0.3f, 0.3f, 0.3f, 0.3f});
  const QuantizedWeight q = quantize_weight(w);
  EXPECT_EQ(q.scale.values<float>()[0], 1.0f);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(q.weight.values<std::int8_t>()[k], 0);
  for (int k = 4; k < 8; ++k) EXPECT_EQ(q.weight.values<std::int8_t>()[k], 127);
  const Tensor bad = Tensor::from_floats({1, 2}, std::vector<float>{1.0f, NAN});
  EXPECT_THROW(quantize_weight(bad), InputError);
}

TEST(QuantizeKernel, FastEqualsReferenceBitForBit) {
  std::vector<float> x = random_values(1003, 5, -3.0f, 5.0f);
  x[0] = NAN;
  x[1] = INFINITY;
  x[2] = -INFINITY;
  x[3] = 0.5f;  // exact halves after scaling by 1
  x[4] = 1.5f;
  for (std::uint8_t zp : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{77}, std::uint8_t{255}}) {
    for (float inv : {1.0f, 31.0f, 1e-3f}) {
      std::vector<std::uint8_t> a(x.size()), b(x.size());
      detail::quantize_ref(x.data(), x.size(), inv, zp, a.data());
      detail::quantize_fast(x.data(), x.size(), inv, zp, b.data());
      EXPECT_EQ(a, b) << "zero point " << int(zp) << ", 1/scale " << inv;
    }
  }
}

// With unit scales and no bias the output is float(acc − comp): integer sums exactly (< 2^24).
TEST(Int8Kernels, IntegerSumsAreExactInEveryKernel) {
  for (auto [in, out] :
       {std::pair<std::size_t, std::size_t>{1, 1}, {3, 17}, {17, 3}, {1000, 33}, {64, 256}}) {
    engine::Tensor weight({std::int64_t(out), std::int64_t(in)}, DType::kI8);
    const auto wv = random_values(in * out, in + out, -127.0f, 127.0f);
    for (std::size_t i = 0; i < wv.size(); ++i)
      weight.values<std::int8_t>()[i] = static_cast<std::int8_t>(wv[i]);
    Tensor ones({std::int64_t(out)});
    for (float& s : ones.values<float>()) s = 1.0f;
    engine::Model model(in);
    model.add(std::make_unique<LinearInt8>(weight, ones, Tensor({std::int64_t(out)}),
                                           testing::scalar_tensor(1.0f), testing::u8_scalar(3)));
    // Integer-valued inputs in [-3, 252] quantize to themselves + 3.
    std::vector<float> x = random_values(in, 9, -3.0f, 252.0f);
    for (float& v : x) v = std::nearbyint(v);
    std::vector<double> want(out);
    for (std::size_t j = 0; j < out; ++j) {
      for (std::size_t k = 0; k < in; ++k)
        want[j] += double(x[k]) * weight.values<std::int8_t>()[j * in + k];
    }
    for (Backend backend : {Backend::kReference, Backend::kFast, Backend::kOneDnn}) {
      const auto y = testing::run(model, backend, x, 1);
      for (std::size_t j = 0; j < out; ++j)
        ASSERT_EQ(y[j], static_cast<float>(want[j])) << in << "x" << out << " j " << j;
    }
  }
}

// Integer accumulations of row b of x against the layer's weights (the test's own oracle).
std::vector<std::int64_t> sums(const LinearInt8& l, const std::vector<float>& x, std::size_t b) {
  std::vector<std::int64_t> acc(l.out_features());
  const ActivationQuant q = l.input_quant();
  for (std::size_t j = 0; j < l.out_features(); ++j) {
    for (std::size_t k = 0; k < l.in_features(); ++k) {
      acc[j] += std::int64_t{quantize_activation(x[b * l.in_features() + k], q)} *
                l.weight().values<std::int8_t>()[j * l.in_features() + k];
    }
  }
  return acc;
}

void expect_close_to_reference(std::size_t in, std::size_t out, std::size_t batch, bool relu,
                               ActivationQuant q) {
  auto layer = testing::random_int8(in, out, in * 31 + out, q);
  const LinearInt8 copy = *layer;
  engine::Model model(in);
  model.add(std::move(layer));
  if (relu) model.add(std::make_unique<engine::ReLU>());
  const auto x = random_values(batch * in, batch + 1, -1.0f, 2.0f);
  const auto want = testing::run(model, Backend::kReference, x, batch);
  const auto fast = testing::run(model, Backend::kFast, x, batch);
  const auto dnnl = testing::run(model, Backend::kOneDnn, x, batch);
  for (std::size_t b = 0; b < batch; ++b) {
    const auto acc = sums(copy, x, b);
    for (std::size_t j = 0; j < out; ++j) {
      const std::size_t i = b * out + j;
      const double scale = double(q.scale) * copy.weight_scale().values<float>()[j];
      const double m = std::fabs(double(acc[j])) + 255.0 * 127.0 * in +
                       std::fabs(copy.bias().values<float>()[j]) / scale;
      const double tol = scale * 4 * 0x1.0p-24 * m + std::fabs(want[i]) * FLT_EPSILON;
      ASSERT_NEAR(dnnl[i], want[i], tol) << in << "x" << out << " batch " << batch << " at " << i;
      if (batch == 1) {
        ASSERT_EQ(fast[i], want[i]) << "VNNI batch-1 kernel differs at " << i;
      } else {
        ASSERT_NEAR(fast[i], want[i], tol) << in << "x" << out << " batch " << batch << " at " << i;
      }
    }
  }
}

TEST(Int8Kernels, MatchReferenceOnOddShapes) {
  const ActivationQuant signed_input = choose_activation_quant(-1.0f, 2.0f);
  const ActivationQuant relu_input = choose_activation_quant(0.0f, 2.0f);
  for (std::size_t in : {1, 3, 17, 1000}) {
    for (std::size_t out : {1, 3, 17, 300}) {
      for (std::size_t batch : {1, 3}) {
        expect_close_to_reference(in, out, batch, false, signed_input);
        expect_close_to_reference(in, out, batch, true, relu_input);
      }
    }
  }
  expect_close_to_reference(784, 256, 256, true, relu_input);
  expect_close_to_reference(784, 256, 1, true, relu_input);
}

TEST(LinearInt8, RejectsBadParameters) {
  auto good = testing::random_int8(4, 2, 1, {0.1f, 3});
  auto make = [&](Tensor w, Tensor ws, Tensor b, Tensor s, Tensor zp) {
    return LinearInt8(std::move(w), std::move(ws), std::move(b), std::move(s), std::move(zp));
  };
  const Tensor& w = good->weight();
  const Tensor& ws = good->weight_scale();
  const Tensor& b = good->bias();
  EXPECT_NO_THROW(make(w, ws, b, testing::scalar_tensor(0.1f), testing::u8_scalar(3)));
  EXPECT_THROW(make(Tensor({2, 4}), ws, b, testing::scalar_tensor(0.1f), testing::u8_scalar(3)),
               InputError);  // F32 weight
  EXPECT_THROW(
      make(w, Tensor({2}, DType::kI32), b, testing::scalar_tensor(0.1f), testing::u8_scalar(3)),
      InputError);
  EXPECT_THROW(make(w, ws, b, testing::scalar_tensor(0.0f), testing::u8_scalar(3)),
               InputError);  // zero scale
  EXPECT_THROW(make(w, ws, b, testing::scalar_tensor(NAN), testing::u8_scalar(3)), InputError);
  EXPECT_THROW(make(w, ws, b, testing::scalar_tensor(0.1f), Tensor({1})),
               InputError);  // F32 zero point
  EXPECT_THROW(make(w, ws, Tensor({3}), testing::scalar_tensor(0.1f), testing::u8_scalar(3)),
               InputError);
  Tensor huge_bias = b;
  huge_bias.values<float>()[0] = 3e38f;
  EXPECT_THROW(make(w, ws, huge_bias, testing::scalar_tensor(1e-18f), testing::u8_scalar(3)),
               InputError);
}

TEST(LinearInt8, DequantizedLayerApproximatesTheOriginal) {
  engine::Linear fp32(5, 3);
  const auto v = random_values(15, 3);
  std::copy(v.begin(), v.end(), fp32.weight().values<float>().begin());
  const auto q = LinearInt8::from_linear(fp32, {0.01f, 0});
  const engine::Linear back = q->dequantized();
  for (std::size_t i = 0; i < 15; ++i) {
    const float step = q->weight_scale().values<float>()[i / 5];
    EXPECT_NEAR(back.weight().values<float>()[i], v[i], 0.5f * step + 1e-7f);
  }
  EXPECT_EQ(q->precision(), "int8");
  EXPECT_EQ(q->kind(), "linear_int8");
}

}  // namespace
}  // namespace tinyperf::optimize
