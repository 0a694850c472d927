// Layers and the kernel interface behind them. A Layer holds parameters and knows its reference
// forward (plain loops: the test oracle). For execution it is "prepared" into a LayerKernel for one
// backend and batch size: that is where oneDNN primitives, packed weights and scratch buffers are
// made, once, so that running a kernel allocates nothing. New layer kinds (int8, sparse) derive
// from Layer and override prepare(); everything else (Model, Session, model files) works unchanged.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tinyperf/engine/tensor.h"

namespace tinyperf::engine {

// Which kernels execute a model.
enum class Backend {
  kReference,  // plain C++ loops, double accumulation: slow, the oracle the fast path is tested
               // against
  kFast,       // the fastest kernels: oneDNN (fused bias + ReLU post-ops) and, at batch 1, an
               // AVX-512 matrix-vector kernel when the CPU has AVX-512 (runtime check)
  kOneDnn,     // oneDNN only, at every batch size (to compare the own kernels against)
};

// What a kernel is prepared for.
struct KernelRequest {
  Backend backend = Backend::kFast;
  std::size_t batch = 1;           // rows per run(); fixed for the kernel's lifetime
  std::size_t input_features = 0;  // columns of the input rows
  bool fuse_relu = false;          // apply max(0, x) to the output (only when accepts_fused_relu())
  int threads = 1;  // threads the kernel may use (oneDNN/OpenMP); 1 = the calling thread only
};

// A layer prepared for one KernelRequest. run() reads `batch` rows of input ([batch, in] row-major
// fp32) and writes [batch, out]; it allocates nothing and is not thread-safe (one caller at a
// time). `in` and `out` may be the same buffer only for kernels of elementwise layers (in == out
// sizes).
class LayerKernel {
 public:
  virtual ~LayerKernel() = default;
  virtual void run(const float* in, float* out) = 0;
};

class Layer {
 public:
  virtual ~Layer() = default;

  // Short lower-case name, the "type" of the architecture entry: "linear", "relu", "softmax",
  // "flatten".
  virtual std::string kind() const = 0;

  // Output columns for `input_features` input columns; throws InputError when they do not fit.
  virtual std::size_t output_features(std::size_t input_features) const = 0;

  // The architecture entry saved in model files: {"type": kind(), ...layer-specific fields}.
  virtual nlohmann::json config() const { return {{"type", kind()}}; }

  // Parameters, by name ("weight", "bias", ...), in saving order. Pointers stay valid while the
  // layer lives and is not modified structurally.
  virtual std::vector<std::pair<std::string, const Tensor*>> tensors() const { return {}; }

  // Numeric precision of the parameters: "fp32", "int8", ...
  virtual std::string precision() const { return "fp32"; }

  // True when a following ReLU can be fused into this layer's kernel (KernelRequest::fuse_relu).
  virtual bool accepts_fused_relu() const { return false; }

  // The reference forward: `in` holds batch × input_features values, `out` batch × output values.
  virtual void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                                 std::size_t input_features) const = 0;

  // A kernel for `request`. The default runs forward_reference (plus a ReLU when fused) for either
  // backend; layers with fast kernels override it. The layer must outlive the kernel unless the
  // kernel documents that it copies what it needs.
  virtual std::unique_ptr<LayerKernel> prepare(const KernelRequest& request) const;

  // A deep copy.
  virtual std::unique_ptr<Layer> clone() const = 0;

  // Number of parameter elements, and the bytes they take (sums over tensors()).
  std::size_t parameter_count() const;
  std::size_t parameter_bytes() const;
};

// Fully connected: y = x Wᵀ + b, with W of shape [out, in] (PyTorch's layout) and b of shape [out].
// A layer that maps in_features() inputs to out_features() outputs through a weight matrix (dense
// fp32 here; int8 and sparse in optimize): the shape check and config every such layer shares.
class AffineLayer : public Layer {
 public:
  std::size_t in_features() const { return in_; }
  std::size_t out_features() const { return out_; }
  // out_features(); throws InputError naming kind() when `input_features` != in_features().
  std::size_t output_features(std::size_t input_features) const override;
  // {"type": kind(), "in_features", "out_features"}.
  nlohmann::json config() const override;

 protected:
  // For forward_reference: output_features(input_features), then InputError naming kind() unless
  // `in` holds batch × in_features() values and `out` batch × out_features().
  void check_batch(std::span<const float> in, std::span<const float> out, std::size_t batch,
                   std::size_t input_features) const;

  std::size_t in_ = 0;   // set by the derived constructor
  std::size_t out_ = 0;  // set by the derived constructor
};

class Linear final : public AffineLayer {
 public:
  // Zero weights and bias; throws InputError when a size is 0.
  Linear(std::size_t in_features, std::size_t out_features);
  // Takes the given parameters; throws InputError unless weight is F32 [out, in] and bias F32
  // [out].
  Linear(Tensor weight, Tensor bias);

  Tensor& weight() { return weight_; }
  const Tensor& weight() const { return weight_; }
  Tensor& bias() { return bias_; }
  const Tensor& bias() const { return bias_; }

  std::string kind() const override { return "linear"; }
  std::vector<std::pair<std::string, const Tensor*>> tensors() const override;
  bool accepts_fused_relu() const override { return true; }
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
  // Fast backend: oneDNN matmul with bias and ReLU post-ops; at batch 1 on AVX-512 CPUs, a packed
  // matrix-vector kernel. The kernel copies (packs) the weights: later changes to the layer are
  // not seen by it.
  std::unique_ptr<LayerKernel> prepare(const KernelRequest& request) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Linear>(*this); }

 private:
  Tensor weight_;
  Tensor bias_;
};

// A parameterless layer whose output row is as wide as its input row (ReLU, Softmax, Flatten).
// `Self` is the concrete layer; clone() copies it.
template <class Self>
class SameWidthLayer : public Layer {
 public:
  std::size_t output_features(std::size_t input_features) const final { return input_features; }
  std::unique_ptr<Layer> clone() const final {
    return std::make_unique<Self>(static_cast<const Self&>(*this));
  }
};

// max(0, x), elementwise.
class ReLU final : public SameWidthLayer<ReLU> {
 public:
  std::string kind() const override { return "relu"; }
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
};

// Row-wise softmax, computed as exp(x - max) / sum so that large logits do not overflow.
class Softmax final : public SameWidthLayer<Softmax> {
 public:
  std::string kind() const override { return "softmax"; }
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
  // Fast backends: single-precision exp, one pass per row.
  std::unique_ptr<LayerKernel> prepare(const KernelRequest& request) const override;
};

// Flattens each sample to one row. Data in tinyperf is already [batch, features] row-major, so this
// copies its input unchanged; it exists so that architectures written with it load and run.
class Flatten final : public SameWidthLayer<Flatten> {
 public:
  std::string kind() const override { return "flatten"; }
  void forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                         std::size_t input_features) const override;
};

}  // namespace tinyperf::engine
