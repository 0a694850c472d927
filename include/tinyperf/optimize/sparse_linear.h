// SparseLinear: a fully connected layer whose weight is stored in CSR form (compressed sparse
// rows), made by magnitude pruning (prune.h). Only the nonzero weights are stored and executed, so
// both the model file and the work shrink with the sparsity:
//   values      F32 [nnz]          the nonzero weights, row by row, columns increasing
//   col_indices U8 [nnz, 2]        their columns as little-endian uint16 (when in_features ≤
//   65536),
//               or I32 [nnz]       (wider layers)
//   row_ptr     I32 [out + 1]      row j holds values[row_ptr[j], row_ptr[j + 1])
//   bias        F32 [out]
// That is 6 bytes per nonzero against 4 per dense weight: storage is smaller below ~66 % density.
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

// The fast backend runs the sparse kernels when the layer's density (nonzeros / (in × out)) is at
// most this (batch 1 / larger batches), and the engine's dense kernels on the densified weight
// otherwise. Chosen by measurement: a 784→256 layer breaks even near 14 % density at batch 1 and
// near 30 % at batch 256 (BM_LayerSparse / BM_LayerDense in bench/optimize_bench.cc,
// docs/optimize.md).
inline constexpr double kSparseGemvMaxDensity = 0.12;
inline constexpr double kSparseKernelMaxDensity = 0.30;

class SparseLinear final : public engine::AffineLayer {
 public:
  // Takes CSR tensors as laid out above. Throws InputError naming the tensor for a wrong dtype or
  // shape, row pointers that do not start at 0, decrease, or do not end at nnz, a column index
  // ≥ in_features, columns not strictly increasing within a row, or a non-finite value or bias.
  SparseLinear(std::size_t in_features, engine::Tensor values, engine::Tensor col_indices,
               engine::Tensor row_ptr, engine::Tensor bias);

  // The CSR form of a dense Linear: every nonzero weight kept (exact; -0.0 counts as zero).
  static std::unique_ptr<SparseLinear> from_linear(const engine::Linear& linear);

  std::size_t nonzeros() const { return values_.numel(); }
  // nonzeros / (in × out).
  double density() const;
  // The same weights as a dense fp32 Linear (zeros filled in).
  engine::Linear to_linear() const;

  std::string kind() const override { return "linear_sparse"; }
  nlohmann::json config()
      const override;  // {"type", "in_features", "out_features", "format": "csr"}
  std::vector<std::pair<std::string, const engine::Tensor*>> tensors() const override;
  bool accepts_fused_relu() const override { return true; }
  // Plain CSR loops with double accumulation (the oracle).
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
  // kReference: the CSR loops. kFast: sparse kernels when the density is at most
  // kSparseGemvMaxDensity (batch 1: a SELL-16 gather kernel on AVX-512 CPUs) or
  // kSparseKernelMaxDensity (larger batches: CSR × 16-sample transposed chunks), else the
  // engine's dense fast path. kOneDnn: the engine's oneDNN kernel on the dense weight.
  // Kernels copy what they need.
  std::unique_ptr<engine::LayerKernel> prepare(const engine::KernelRequest& request) const override;
  std::unique_ptr<engine::Layer> clone() const override {
    return std::make_unique<SparseLinear>(*this);
  }

  // Column index of stored element i (whatever the index encoding).
  std::uint32_t column(std::size_t i) const;
  std::span<const float> values() const { return values_.values<float>(); }
  std::span<const std::int32_t> row_ptr() const { return row_ptr_.values<std::int32_t>(); }
  std::span<const float> bias() const { return bias_.values<float>(); }

 private:
  engine::Tensor values_, col_indices_, row_ptr_, bias_;
};

}  // namespace tinyperf::optimize
