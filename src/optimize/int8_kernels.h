// Kernels of LinearInt8. Private to the optimize module.
//
// Every kernel computes the same canonical function, so that the reference loops are an exact
// oracle for the integer part:
//   q_x[b, k] = quantize_activation(x[b, k])                       (u8, linear_int8.h)
//   acc[b, j] = Σ_k q_x[b, k] · w[j, k]                             (exact, int32)
//   y[b, j]   = scale[j] × (float(acc[b, j] − comp[j]) + bias_div[j]),  then max(0, ·) when relu
// with scale[j] = s_x·s_w[j], comp[j] = zero_point·Σ_k w[j, k], bias_div[j] = bias[j] / scale[j].
// The VNNI kernel evaluates the epilogue with the same float operations (bit-identical results);
// oneDNN computes scale × (acc + (bias_div − comp)) with its own rounding (close, not identical).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "tinyperf/engine/layer.h"

namespace tinyperf::optimize::detail {

struct Int8Params {
  std::size_t in = 0, out = 0;
  std::vector<std::int8_t> weight;  // [out, in]
  std::vector<float> scale;         // [out]
  std::vector<float> bias_div;      // [out]
  std::vector<std::int32_t> comp;   // [out]
  float inv_input_scale = 1.0f;     // 1 / s_x
  std::uint8_t zero_point = 0;
};

// q[i] = quantize_activation(x[i]) for n values (scalar loops).
void quantize_ref(const float* x, std::size_t n, float inv_scale, std::uint8_t zero_point,
                  std::uint8_t* q);

// The same, bit for bit, with AVX-512 when the CPU has it.
void quantize_fast(const float* x, std::size_t n, float inv_scale, std::uint8_t zero_point,
                   std::uint8_t* q);

// The canonical function on `batch` rows; `scratch` holds at least `in` bytes.
void int8_linear_ref(const Int8Params& p, const float* x, float* y, std::size_t batch, bool relu,
                     std::uint8_t* scratch);

bool cpu_has_vnni();

// Batch-1 kernel: packed weights, vpdpbusd. TP_CHECK that the CPU has AVX-512 VNNI.
std::unique_ptr<engine::LayerKernel> make_vnni_gemv(const Int8Params& p, bool relu);

// oneDNN u8×s8→s32 matmul with per-channel output scales, folded bias and optional ReLU.
std::unique_ptr<engine::LayerKernel> make_dnnl_int8(const Int8Params& p,
                                                    const engine::KernelRequest& request);

// Reference loops as a kernel (owns a copy of the parameters and its scratch).
std::unique_ptr<engine::LayerKernel> make_reference_int8(const Int8Params& p,
                                                         const engine::KernelRequest& request);

}  // namespace tinyperf::optimize::detail
