#include "tinyperf/optimize/linear_int8.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <fmt/format.h>

#include "int8_kernels.h"
#include "tinyperf/core/error.h"

namespace tinyperf::optimize {
namespace {

using engine::DType;
using engine::Tensor;

[[noreturn]] void bad(const std::string& what) { throw InputError("linear_int8 layer: " + what); }

std::int64_t i64(std::size_t n) { return static_cast<std::int64_t>(n); }

void expect(const Tensor& t, DType dtype, const std::vector<std::int64_t>& shape,
            const char* name) {
  if (t.dtype() != dtype || t.shape() != shape) {
    bad(fmt::format("tensor \"{}\" must be {} of shape [{}]", name, engine::dtype_name(dtype),
                    fmt::join(shape, ", ")));
  }
}

void expect_scales(std::span<const float> scales, const char* name) {
  for (float s : scales) {
    if (!std::isfinite(s) || s < kMinQuantScale) {
      bad(fmt::format("\"{}\" holds {}, not a finite scale >= {}", name, s, kMinQuantScale));
    }
  }
}

detail::Int8Params make_params(const LinearInt8& layer) {
  detail::Int8Params p;
  p.in = layer.in_features();
  p.out = layer.out_features();
  const auto w = layer.weight().values<std::int8_t>();
  p.weight.assign(w.begin(), w.end());
  const ActivationQuant q = layer.input_quant();
  p.inv_input_scale = 1.0f / q.scale;
  p.zero_point = q.zero_point;
  const auto ws = layer.weight_scale().values<float>();
  const auto bias = layer.bias().values<float>();
  for (std::size_t j = 0; j < p.out; ++j) {
    p.scale.push_back(q.scale * ws[j]);
    p.bias_div.push_back(bias[j] / p.scale.back());
    std::int32_t sum = 0;
    for (std::size_t k = 0; k < p.in; ++k) sum += w[j * p.in + k];
    p.comp.push_back(sum * static_cast<std::int32_t>(q.zero_point));
  }
  return p;
}

}  // namespace

ActivationQuant choose_activation_quant(float lo, float hi) {
  lo = std::isnan(lo) ? 0.0f : std::clamp(std::min(lo, 0.0f), -FLT_MAX, 0.0f);
  hi = std::isnan(hi) ? 0.0f : std::clamp(std::max(hi, 0.0f), 0.0f, FLT_MAX);
  ActivationQuant q;
  q.scale = hi / 255.0f - lo / 255.0f;  // no overflow for the widest float range
  if (!(q.scale >= kMinQuantScale)) return {1.0f, 0};
  const float zp = std::nearbyint(-lo / q.scale);
  q.zero_point = static_cast<std::uint8_t>(std::clamp(zp, 0.0f, 255.0f));
  return q;
}

std::uint8_t quantize_activation(float x, const ActivationQuant& quant) {
  std::uint8_t q = 0;
  detail::quantize_ref(&x, 1, 1.0f / quant.scale, quant.zero_point, &q);
  return q;
}

QuantizedWeight quantize_weight(const Tensor& weight) {
  const auto& shape = weight.shape();
  if (weight.dtype() != DType::kF32 || shape.size() != 2 || shape[0] < 1 || shape[1] < 1) {
    throw InputError("quantize: a weight must be an F32 tensor of shape [out, in]");
  }
  const auto out = static_cast<std::size_t>(shape[0]), in = static_cast<std::size_t>(shape[1]);
  QuantizedWeight q{Tensor(shape, DType::kI8), Tensor({shape[0]})};
  const auto w = weight.values<float>();
  auto qw = q.weight.values<std::int8_t>();
  auto scale = q.scale.values<float>();
  for (std::size_t j = 0; j < out; ++j) {
    float top = 0.0f;
    for (std::size_t k = 0; k < in; ++k) {
      if (!std::isfinite(w[j * in + k]))
        throw InputError(fmt::format("quantize: weight row {} holds NaN or infinity", j));
      top = std::max(top, std::fabs(w[j * in + k]));
    }
    scale[j] = top / 127.0f >= kMinQuantScale ? top / 127.0f : 1.0f;
    for (std::size_t k = 0; k < in; ++k) {
      const float v = std::clamp(std::nearbyint(w[j * in + k] / scale[j]), -127.0f, 127.0f);
      qw[j * in + k] = static_cast<std::int8_t>(v);
    }
  }
  return q;
}

LinearInt8::LinearInt8(Tensor weight, Tensor weight_scale, Tensor bias, Tensor input_scale,
                       Tensor input_zero_point)
    : weight_(std::move(weight)),
      weight_scale_(std::move(weight_scale)),
      bias_(std::move(bias)),
      input_scale_(std::move(input_scale)),
      input_zero_point_(std::move(input_zero_point)) {
  const auto& ws = weight_.shape();
  if (weight_.dtype() != DType::kI8 || ws.size() != 2 || ws[0] < 1 || ws[1] < 1) {
    bad("tensor \"weight\" must be I8 of shape [out, in] with out, in >= 1");
  }
  out_ = static_cast<std::size_t>(ws[0]);
  in_ = static_cast<std::size_t>(ws[1]);
  if (in_ > kMaxInt8InFeatures)
    bad(fmt::format("{} input features, more than the {} supported", in_, kMaxInt8InFeatures));
  expect(weight_scale_, DType::kF32, {ws[0]}, "weight_scale");
  expect(bias_, DType::kF32, {ws[0]}, "bias");
  expect(input_scale_, DType::kF32, {1}, "input_scale");
  expect(input_zero_point_, DType::kU8, {1}, "input_zero_point");
  expect_scales(weight_scale_.values<float>(), "weight_scale");
  expect_scales(input_scale_.values<float>(), "input_scale");
  const float s_x = input_scale_.values<float>()[0];
  for (std::size_t j = 0; j < out_; ++j) {
    const float b = bias_.values<float>()[j];
    if (!std::isfinite(b) || !std::isfinite(b / (s_x * weight_scale_.values<float>()[j]))) {
      bad(fmt::format("bias[{}] = {} is not finite, or too large for its scales", j, b));
    }
  }
}

std::unique_ptr<LinearInt8> LinearInt8::from_linear(const engine::Linear& linear,
                                                    const ActivationQuant& input) {
  QuantizedWeight q = quantize_weight(linear.weight());
  Tensor input_scale({1});
  input_scale.values<float>()[0] = input.scale;
  Tensor zero_point({1}, DType::kU8);
  zero_point.values<std::uint8_t>()[0] = input.zero_point;
  return std::make_unique<LinearInt8>(std::move(q.weight), std::move(q.scale), linear.bias(),
                                      std::move(input_scale), std::move(zero_point));
}

ActivationQuant LinearInt8::input_quant() const {
  return {input_scale_.values<float>()[0], input_zero_point_.values<std::uint8_t>()[0]};
}

engine::Linear LinearInt8::dequantized() const {
  Tensor w({i64(out_), i64(in_)});
  auto dst = w.values<float>();
  const auto q = weight_.values<std::int8_t>();
  const auto scale = weight_scale_.values<float>();
  for (std::size_t i = 0; i < dst.size(); ++i) dst[i] = scale[i / in_] * static_cast<float>(q[i]);
  return engine::Linear(std::move(w), bias_);
}

std::vector<std::pair<std::string, const Tensor*>> LinearInt8::tensors() const {
  return {{"weight", &weight_},
          {"weight_scale", &weight_scale_},
          {"bias", &bias_},
          {"input_scale", &input_scale_},
          {"input_zero_point", &input_zero_point_}};
}

void LinearInt8::forward_reference(std::span<const float> in, std::span<float> out,
                                   std::size_t batch, std::size_t input_features) const {
  check_batch(in, out, batch, input_features);
  std::vector<std::uint8_t> scratch(in_);
  detail::int8_linear_ref(make_params(*this), in.data(), out.data(), batch, false, scratch.data());
}

std::unique_ptr<engine::LayerKernel> LinearInt8::prepare(
    const engine::KernelRequest& request) const {
  output_features(request.input_features);
  const detail::Int8Params p = make_params(*this);
  switch (request.backend) {
    case engine::Backend::kReference:
      return detail::make_reference_int8(p, request);
    case engine::Backend::kFast:
      if (request.batch == 1 && detail::cpu_has_vnni())
        return detail::make_vnni_gemv(p, request.fuse_relu);
      return detail::make_dnnl_int8(p, request);
    case engine::Backend::kOneDnn:
      return detail::make_dnnl_int8(p, request);
  }
  TP_CHECK(false);
}

bool cpu_has_avx512_vnni() { return detail::cpu_has_vnni(); }

}  // namespace tinyperf::optimize
