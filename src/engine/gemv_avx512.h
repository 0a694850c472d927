// The batch-1 Linear kernel: y = W x + b (then ReLU) with AVX-512 FMA, for CPUs that have AVX-512
// (checked at run time; the code is compiled with per-function target attributes, so the binary
// still runs on other x86-64 CPUs). At batch 1 a Linear layer is a matrix-vector product bound by
// the speed at which the weights stream in from L2 cache; oneDNN's matmul adds call overhead there,
// while this kernel streams a pre-packed copy of W in one contiguous pass. Private to the engine.
#pragma once

#include <cstddef>
#include <memory>

#include "tinyperf/engine/layer.h"

namespace tinyperf::engine::fast {

// True when the running CPU supports AVX-512F (and so FMA); the gemv kernel needs it.
bool cpu_has_avx512();

// A batch-1 kernel owning a packed copy of weight [out, in] and bias [out]. TP_CHECK that the CPU
// has AVX-512.
std::unique_ptr<LayerKernel> make_gemv_linear(const float* weight, const float* bias,
                                              std::size_t in_features, std::size_t out_features,
                                              bool relu);

}  // namespace tinyperf::engine::fast
