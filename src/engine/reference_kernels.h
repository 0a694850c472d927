// The reference loops: plain C++, double accumulation, no SIMD intrinsics. They define what every
// fast kernel must compute and are the oracle of the tests. Private to the engine.
#pragma once

#include <cstddef>

namespace tinyperf::engine::ref {

// out[b][j] = bias[j] + sum_k in[b][k] * weight[j][k], then max(0, .) when relu.
// weight is [out, in] row-major; bias may be null (zero).
void linear(const float* in, const float* weight, const float* bias, float* out, std::size_t batch,
            std::size_t in_features, std::size_t out_features, bool relu);

// out = max(0, in), n values; out may equal in.
void relu(const float* in, float* out, std::size_t n);

// Row-wise softmax of [batch, width]; out may equal in.
void softmax(const float* in, float* out, std::size_t batch, std::size_t width);

}  // namespace tinyperf::engine::ref
