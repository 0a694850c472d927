// oneDNN (2.x API) kernels of the fast path. Private to the engine; nothing outside src/engine
// includes oneDNN, so a move to oneDNN 3.x (which changed matmul::desc and output scales) stays
// here.
#pragma once

#include <cstddef>
#include <memory>

#include "tinyperf/engine/layer.h"

namespace tinyperf::engine::fast {

// Sets the OpenMP thread count of the calling thread (oneDNN's CPU runtime here). Called before
// creating primitives and before running them, since OpenMP's setting is per calling thread.
void set_threads(int threads);

struct PrimitiveRunner;  // a primitive with its memory objects and scratchpad (dnnl_kernels.cc)

// C[M, N] = op(A) · op(B) (+ bias[N]) (then ReLU), all fp32 row-major, where op(A) is A [M, K] or,
// with trans_a, the transpose of A stored [K, M]; likewise B [K, N] or, with trans_b, B stored [N,
// K]. One oneDNN matmul primitive with its own scratchpad, created once; run() allocates nothing.
class Matmul {
 public:
  struct Shape {
    std::size_t m = 0, k = 0, n = 0;
    bool trans_a = false, trans_b = false;
    bool bias = false, relu = false;
  };
  Matmul(const Shape& shape, int threads);
  ~Matmul();
  Matmul(Matmul&&) noexcept;
  Matmul& operator=(Matmul&&) noexcept;

  // bias is read only when the shape has one.
  void run(const float* a, const float* b, const float* bias, float* c);

 private:
  std::unique_ptr<PrimitiveRunner> impl_;
};

// Linear layer through oneDNN: weights [out, in] reordered once into oneDNN's preferred blocked
// layout (so the kernel owns a packed copy), bias and optional ReLU as post-ops.
std::unique_ptr<LayerKernel> make_dnnl_linear(const float* weight, const float* bias,
                                              std::size_t in_features, std::size_t out_features,
                                              const KernelRequest& request);

}  // namespace tinyperf::engine::fast
