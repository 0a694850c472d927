// LinearInt8: a fully connected layer with int8 weights, for post-training quantization
// (quantize.h). Weights are symmetric per output channel (w ≈ weight_scale[j] × q[j, k], q in
// [-127, 127]); the input is quantized on entry to u8 with a calibrated scale and zero point
// (x ≈ input_scale × (q_x − zero_point)), products accumulate exactly in int32, and one fused float
// epilogue gives y[j] = s_x·s_w[j] × (acc[j] − zero_point·Σ_k q[j, k]) + bias[j] (then ReLU when
// fused). Kernels: int8 reference loops (the oracle), an AVX-512 VNNI matrix-vector kernel at batch
// 1 (runtime dispatch), and oneDNN's u8×s8 matmul otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::optimize {

// Largest input width of an int8 layer: 255 × 128 × 32768 × 2 < 2^31, so neither the int32
// accumulator nor its zero-point correction can overflow.
inline constexpr std::size_t kMaxInt8InFeatures = 32768;

// Smallest scale ever produced: ranges narrower than this are treated as zero-width, so that
// scale products stay normal floats and no division by a (near) zero happens.
inline constexpr float kMinQuantScale = 1e-18f;

// How one activation tensor is quantized: real ≈ scale × (q − zero_point), q in [0, 255].
struct ActivationQuant {
  float scale = 1.0f;           // > 0, finite
  std::uint8_t zero_point = 0;  // 0 when the range is non-negative (e.g. after a ReLU)
};

// The u8 quantization covering [lo, hi], widened to include 0 so that 0 is exact. A range of
// (near) zero width gives scale 1; NaN bounds are treated as 0. Never divides by zero.
ActivationQuant choose_activation_quant(float lo, float hi);

// u8 of one value under `quant`: clamp(round_half_even(x / scale) + zero_point, 0, 255), computed
// as round(clamp(x × (1 / scale), −zp, 255 − zp)) + zp; NaN gives 0. The kernels use exactly this.
std::uint8_t quantize_activation(float x, const ActivationQuant& quant);

// Symmetric per-output-channel quantization of an F32 weight [out, in]: scale[j] = max_k |w[j,k]|
// / 127 and q[j, k] = clamp(round_half_even(w[j,k] / scale[j]), −127, 127); a row whose scale
// would be below kMinQuantScale (all zero, or nearly) gets scale 1 and q = 0, so nothing divides
// by zero. Throws InputError when the weight is not F32 [out, in] or holds NaN or infinity.
struct QuantizedWeight {
  engine::Tensor weight;  // I8 [out, in]
  engine::Tensor scale;   // F32 [out]
};
QuantizedWeight quantize_weight(const engine::Tensor& weight);

class LinearInt8 final : public engine::AffineLayer {
 public:
  // Takes the parameters as stored in a model file. Throws InputError unless: weight is I8
  // [out, in] with 1 ≤ in ≤ kMaxInt8InFeatures; weight_scale F32 [out] and input_scale F32 [1]
  // finite and ≥ kMinQuantScale; bias F32 [out] finite, and bias / (input_scale × weight_scale)
  // finite too; input_zero_point U8 [1].
  LinearInt8(engine::Tensor weight, engine::Tensor weight_scale, engine::Tensor bias,
             engine::Tensor input_scale, engine::Tensor input_zero_point);

  // Quantizes an fp32 Linear (quantize_weight; the bias stays fp32) for inputs quantized by
  // `input`.
  static std::unique_ptr<LinearInt8> from_linear(const engine::Linear& linear,
                                                 const ActivationQuant& input);

  ActivationQuant input_quant() const;
  const engine::Tensor& weight() const { return weight_; }              // I8 [out, in]
  const engine::Tensor& weight_scale() const { return weight_scale_; }  // F32 [out]
  const engine::Tensor& bias() const { return bias_; }                  // F32 [out]

  // The fp32 layer this one approximates: weight_scale[j] × q[j, k], same bias.
  engine::Linear dequantized() const;

  std::string kind() const override { return "linear_int8"; }
  // "weight" (I8), "weight_scale", "bias", "input_scale" (F32), "input_zero_point" (U8).
  std::vector<std::pair<std::string, const engine::Tensor*>> tensors() const override;
  std::string precision() const override { return "int8"; }
  bool accepts_fused_relu() const override { return true; }
  // The int8 reference loops (quantize, exact int32 sums, the float epilogue); allocates.
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
  // kReference: the int8 reference loops. kFast: at batch 1 on CPUs with AVX-512 VNNI the own
  // matrix-vector kernel, else oneDNN. kOneDnn: oneDNN u8×s8 matmul at every batch size. Every
  // kernel copies what it needs, so it may outlive the layer.
  std::unique_ptr<engine::LayerKernel> prepare(const engine::KernelRequest& request) const override;
  std::unique_ptr<engine::Layer> clone() const override {
    return std::make_unique<LinearInt8>(*this);
  }

 private:
  engine::Tensor weight_, weight_scale_, bias_, input_scale_, input_zero_point_;
};

// True when the running CPU has AVX-512 VNNI (the batch-1 int8 kernel needs it).
bool cpu_has_avx512_vnni();

}  // namespace tinyperf::optimize
