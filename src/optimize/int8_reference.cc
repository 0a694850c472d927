#include <cmath>

#include "int8_kernels.h"
#include "tinyperf/core/check.h"

namespace tinyperf::optimize::detail {
namespace {

std::uint8_t quantize_one(float x, float inv_scale, std::uint8_t zero_point) {
  const float lo = -static_cast<float>(zero_point);
  const float hi = 255.0f - static_cast<float>(zero_point);
  float v = x * inv_scale;
  v = v > lo ? v : lo;  // NaN fails the comparison and becomes lo
  v = v < hi ? v : hi;
  return static_cast<std::uint8_t>(static_cast<int>(std::nearbyint(v)) + zero_point);
}

class ReferenceInt8 final : public engine::LayerKernel {
 public:
  ReferenceInt8(const Int8Params& p, const engine::KernelRequest& r)
      : p_(p), batch_(r.batch), relu_(r.fuse_relu), scratch_(p.in) {}
  void run(const float* in, float* out) override {
    int8_linear_ref(p_, in, out, batch_, relu_, scratch_.data());
  }

 private:
  Int8Params p_;
  std::size_t batch_;
  bool relu_;
  std::vector<std::uint8_t> scratch_;
};

}  // namespace

void quantize_ref(const float* x, std::size_t n, float inv_scale, std::uint8_t zero_point,
                  std::uint8_t* q) {
  for (std::size_t i = 0; i < n; ++i) q[i] = quantize_one(x[i], inv_scale, zero_point);
}

void int8_linear_ref(const Int8Params& p, const float* x, float* y, std::size_t batch, bool relu,
                     std::uint8_t* scratch) {
  for (std::size_t b = 0; b < batch; ++b) {
    quantize_ref(x + b * p.in, p.in, p.inv_input_scale, p.zero_point, scratch);
    for (std::size_t j = 0; j < p.out; ++j) {
      const std::int8_t* w = p.weight.data() + j * p.in;
      std::int32_t acc = 0;
      for (std::size_t k = 0; k < p.in; ++k) acc += static_cast<std::int32_t>(scratch[k]) * w[k];
      float v = p.scale[j] * (static_cast<float>(acc - p.comp[j]) + p.bias_div[j]);
      if (relu && !(v > 0.0f)) v = 0.0f;
      y[b * p.out + j] = v;
    }
  }
}

std::unique_ptr<engine::LayerKernel> make_reference_int8(const Int8Params& p,
                                                         const engine::KernelRequest& r) {
  return std::make_unique<ReferenceInt8>(p, r);
}

}  // namespace tinyperf::optimize::detail
