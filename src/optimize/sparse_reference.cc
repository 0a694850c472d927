#include "sparse_kernels.h"

namespace tinyperf::optimize::detail {
namespace {

class ReferenceCsr final : public engine::LayerKernel {
 public:
  ReferenceCsr(const CsrParams& p, const engine::KernelRequest& r)
      : p_(p), batch_(r.batch), relu_(r.fuse_relu) {}
  void run(const float* in, float* out) override { csr_linear_ref(p_, in, out, batch_, relu_); }

 private:
  CsrParams p_;
  std::size_t batch_;
  bool relu_;
};

}  // namespace

void csr_linear_ref(const CsrParams& p, const float* x, float* y, std::size_t batch, bool relu) {
  for (std::size_t b = 0; b < batch; ++b) {
    const float* xb = x + b * p.in;
    for (std::size_t j = 0; j < p.out; ++j) {
      double acc = p.bias[j];
      for (auto i = static_cast<std::size_t>(p.row_ptr[j]);
           i < static_cast<std::size_t>(p.row_ptr[j + 1]); ++i) {
        acc += static_cast<double>(p.values[i]) * xb[p.cols[i]];
      }
      auto v = static_cast<float>(acc);
      if (relu && !(v > 0.0f)) v = 0.0f;
      y[b * p.out + j] = v;
    }
  }
}

std::unique_ptr<engine::LayerKernel> make_reference_csr(const CsrParams& p,
                                                        const engine::KernelRequest& request) {
  return std::make_unique<ReferenceCsr>(p, request);
}

}  // namespace tinyperf::optimize::detail
