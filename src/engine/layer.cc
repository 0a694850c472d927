#include "tinyperf/engine/layer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/core.h>

#include "dnnl_kernels.h"
#include "gemv_avx512.h"
#include "reference_kernels.h"
#include "tinyperf/core/error.h"

namespace tinyperf::engine {
namespace {

// Runs a layer's reference forward (plus the fused ReLU); what Layer::prepare gives by default.
class ReferenceKernel final : public LayerKernel {
 public:
  ReferenceKernel(const Layer& layer, const KernelRequest& request)
      : layer_(layer),
        request_(request),
        out_features_(layer.output_features(request.input_features)) {}

  void run(const float* in, float* out) override {
    const std::size_t n_in = request_.batch * request_.input_features;
    const std::size_t n_out = request_.batch * out_features_;
    layer_.forward_reference({in, n_in}, {out, n_out}, request_.batch, request_.input_features);
    if (request_.fuse_relu) ref::relu(out, out, n_out);
  }

 private:
  const Layer& layer_;
  KernelRequest request_;
  std::size_t out_features_;
};

// Softmax in single precision: e = exp(x - max) stored once, then scaled by 1 / sum.
class FastSoftmax final : public LayerKernel {
 public:
  FastSoftmax(std::size_t batch, std::size_t width) : batch_(batch), width_(width) {}

  void run(const float* in, float* out) override {
    for (std::size_t b = 0; b < batch_; ++b) {
      const float* x = in + b * width_;
      float* y = out + b * width_;
      const float top = *std::max_element(x, x + width_);
      float sum = 0;
      for (std::size_t j = 0; j < width_; ++j) {
        y[j] = std::exp(x[j] - top);
        sum += y[j];
      }
      const float scale = 1.0f / sum;
      for (std::size_t j = 0; j < width_; ++j) y[j] *= scale;
    }
  }

 private:
  std::size_t batch_, width_;
};

void check_size(std::size_t got, std::size_t want, const char* what) {
  if (got != want) throw InputError(fmt::format("{} has {} values, expected {}", what, got, want));
}

}  // namespace

std::unique_ptr<LayerKernel> Layer::prepare(const KernelRequest& request) const {
  TP_CHECK(!request.fuse_relu || accepts_fused_relu());
  return std::make_unique<ReferenceKernel>(*this, request);
}

std::size_t Layer::parameter_count() const {
  std::size_t n = 0;
  for (const auto& [name, tensor] : tensors()) n += tensor->numel();
  return n;
}

std::size_t Layer::parameter_bytes() const {
  std::size_t n = 0;
  for (const auto& [name, tensor] : tensors()) n += tensor->size_bytes();
  return n;
}

std::size_t AffineLayer::output_features(std::size_t input_features) const {
  if (input_features != in_) {
    throw InputError(
        fmt::format("{} layer expects {} input features, got {}", kind(), in_, input_features));
  }
  return out_;
}

void AffineLayer::check_batch(std::span<const float> in, std::span<const float> out,
                              std::size_t batch, std::size_t input_features) const {
  output_features(input_features);
  if (in.size() != batch * in_ || out.size() != batch * out_) {
    throw InputError(
        fmt::format("{} layer: {} inputs and {} outputs for batch {}, expected {} and {}", kind(),
                    in.size(), out.size(), batch, batch * in_, batch * out_));
  }
}

nlohmann::json AffineLayer::config() const {
  return {{"type", kind()}, {"in_features", in_}, {"out_features", out_}};
}

Linear::Linear(std::size_t in_features, std::size_t out_features) {
  in_ = in_features;
  out_ = out_features;
  if (in_ == 0 || out_ == 0) {
    throw InputError(fmt::format("linear layer {}x{}: sizes must be at least 1", in_, out_));
  }
  weight_ = Tensor({static_cast<std::int64_t>(out_), static_cast<std::int64_t>(in_)});
  bias_ = Tensor({static_cast<std::int64_t>(out_)});
}

Linear::Linear(Tensor weight, Tensor bias) : weight_(std::move(weight)), bias_(std::move(bias)) {
  const auto& ws = weight_.shape();
  if (weight_.dtype() != DType::kF32 || ws.size() != 2 || ws[0] < 1 || ws[1] < 1) {
    throw InputError(
        "linear layer: weight must be an F32 tensor of shape [out, in] with out, in >= 1");
  }
  out_ = static_cast<std::size_t>(ws[0]);
  in_ = static_cast<std::size_t>(ws[1]);
  if (bias_.dtype() != DType::kF32 || bias_.shape() != std::vector<std::int64_t>{ws[0]}) {
    throw InputError(fmt::format("linear layer: bias must be an F32 tensor of shape [{}]", out_));
  }
}

std::vector<std::pair<std::string, const Tensor*>> Linear::tensors() const {
  return {{"weight", &weight_}, {"bias", &bias_}};
}

void Linear::forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                               std::size_t input_features) const {
  output_features(input_features);
  check_size(in.size(), batch * in_, "linear layer input");
  check_size(out.size(), batch * out_, "linear layer output");
  ref::linear(in.data(), weight_.values<float>().data(), bias_.values<float>().data(), out.data(),
              batch, in_, out_, false);
}

std::unique_ptr<LayerKernel> Linear::prepare(const KernelRequest& request) const {
  output_features(request.input_features);
  const float* w = weight_.values<float>().data();
  const float* b = bias_.values<float>().data();
  switch (request.backend) {
    case Backend::kReference:
      return Layer::prepare(request);
    case Backend::kFast:
      if (request.batch == 1 && fast::cpu_has_avx512()) {
        return fast::make_gemv_linear(w, b, in_, out_, request.fuse_relu);
      }
      return fast::make_dnnl_linear(w, b, in_, out_, request);
    case Backend::kOneDnn:
      return fast::make_dnnl_linear(w, b, in_, out_, request);
  }
  TP_CHECK(false);
}

void ReLU::forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                             std::size_t input_features) const {
  check_size(in.size(), batch * input_features, "relu input");
  check_size(out.size(), in.size(), "relu output");
  ref::relu(in.data(), out.data(), in.size());
}

void Softmax::forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                                std::size_t input_features) const {
  check_size(in.size(), batch * input_features, "softmax input");
  check_size(out.size(), in.size(), "softmax output");
  if (input_features > 0) ref::softmax(in.data(), out.data(), batch, input_features);
}

std::unique_ptr<LayerKernel> Softmax::prepare(const KernelRequest& request) const {
  if (request.backend == Backend::kReference || request.input_features == 0) {
    return Layer::prepare(request);
  }
  return std::make_unique<FastSoftmax>(request.batch, request.input_features);
}

void Flatten::forward_reference(std::span<const float> in, std::span<float> out, std::size_t batch,
                                std::size_t input_features) const {
  check_size(in.size(), batch * input_features, "flatten input");
  check_size(out.size(), in.size(), "flatten output");
  if (in.data() != out.data() && !in.empty()) std::memmove(out.data(), in.data(), in.size_bytes());
}

}  // namespace tinyperf::engine
