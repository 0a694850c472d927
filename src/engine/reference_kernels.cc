#include "reference_kernels.h"

#include <algorithm>
#include <cmath>

namespace tinyperf::engine::ref {

void linear(const float* in, const float* weight, const float* bias, float* out, std::size_t batch,
            std::size_t in_features, std::size_t out_features, bool relu) {
  for (std::size_t b = 0; b < batch; ++b) {
    const float* x = in + b * in_features;
    for (std::size_t j = 0; j < out_features; ++j) {
      const float* w = weight + j * in_features;
      double sum = bias != nullptr ? bias[j] : 0.0;
      for (std::size_t k = 0; k < in_features; ++k) sum += double{x[k]} * double{w[k]};
      const float y = static_cast<float>(sum);
      out[b * out_features + j] = relu ? std::max(y, 0.0f) : y;
    }
  }
}

void relu(const float* in, float* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = std::max(in[i], 0.0f);
}

void softmax(const float* in, float* out, std::size_t batch, std::size_t width) {
  for (std::size_t b = 0; b < batch; ++b) {
    const float* x = in + b * width;
    float* y = out + b * width;
    const float top = *std::max_element(x, x + width);
    double sum = 0;
    for (std::size_t j = 0; j < width; ++j) sum += std::exp(double{x[j]} - double{top});
    for (std::size_t j = 0; j < width; ++j) {
      y[j] = static_cast<float>(std::exp(double{x[j]} - double{top}) / sum);
    }
  }
}

}  // namespace tinyperf::engine::ref
