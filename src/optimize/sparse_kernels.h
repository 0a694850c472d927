// Kernels of SparseLinear. Private to the optimize module. All compute y = W x + b (then ReLU)
// for a CSR weight; they differ in summation order (the reference sums in double).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "tinyperf/engine/layer.h"

namespace tinyperf::optimize::detail {

struct CsrParams {
  std::size_t in = 0, out = 0;
  std::vector<std::int32_t> row_ptr;  // [out + 1]
  std::vector<std::uint32_t> cols;    // [nnz], < in, increasing within a row
  std::vector<float> values;          // [nnz]
  std::vector<float> bias;            // [out]
};

// Plain CSR loops, double accumulation, rounded once to float.
void csr_linear_ref(const CsrParams& p, const float* x, float* y, std::size_t batch, bool relu);

std::unique_ptr<engine::LayerKernel> make_reference_csr(const CsrParams& p,
                                                        const engine::KernelRequest& request);

// The fastest sparse kernel for the request: batch 1 → SELL-16 gathers (AVX-512, in ≤ 65536);
// batch > 1 → CSR × transposed input, vectorized over the batch (AVX-512). Without AVX-512,
// float CSR loops.
std::unique_ptr<engine::LayerKernel> make_fast_csr(const CsrParams& p,
                                                   const engine::KernelRequest& request);

}  // namespace tinyperf::optimize::detail
