// oneDNN (2.x API) int8 matmul for LinearInt8: u8 source (quantized by us on entry), s8 weights
// reordered once into oneDNN's layout, f32 destination. oneDNN 2.6 computes
// dst = output_scale × (acc + bias), so the bias handed to it is bias_div − comp (int8_kernels.h).
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

#include "int8_kernels.h"
#include "tinyperf/core/check.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::optimize::detail {
namespace {

using dnnl::memory;

memory::dim dim(std::size_t n) { return static_cast<memory::dim>(n); }

dnnl::primitive_attr make_attr(const Int8Params& p, bool relu) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  attr.set_output_scales(1 << 1, p.scale);  // one scale per output column
  if (relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  return attr;
}

class DnnlInt8 final : public engine::LayerKernel {
 public:
  DnnlInt8(const Int8Params& p, const engine::KernelRequest& r)
      : in_(p.in),
        batch_(r.batch),
        threads_(r.threads),
        inv_scale_(p.inv_input_scale),
        zero_point_(p.zero_point),
        engine_(dnnl::engine::kind::cpu, 0),
        stream_(engine_) {
    omp_set_num_threads(threads_);
    const memory::desc src({dim(batch_), dim(in_)}, memory::data_type::u8, memory::format_tag::ab);
    const memory::desc any_w({dim(in_), dim(p.out)}, memory::data_type::s8,
                             memory::format_tag::any);
    const memory::desc bias({1, dim(p.out)}, memory::data_type::f32, memory::format_tag::ab);
    const memory::desc dst({dim(batch_), dim(p.out)}, memory::data_type::f32,
                           memory::format_tag::ab);
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src, any_w, bias, dst),
                                          make_attr(p, r.fuse_relu), engine_);
    primitive_ = dnnl::matmul(pd);
    xq_.assign(batch_ * in_, 0);
    src_ = memory(src, engine_, xq_.data());
    weights_ = memory(pd.weights_desc(), engine_);
    bias_ = memory(bias, engine_);
    dst_ = memory(dst, engine_, DNNL_MEMORY_NONE);
    scratchpad_ = memory(pd.scratchpad_desc(), engine_);
    pack(p);
    args_ = {{DNNL_ARG_SRC, src_.get()},
             {DNNL_ARG_WEIGHTS, weights_.get()},
             {DNNL_ARG_BIAS, bias_.get()},
             {DNNL_ARG_DST, dst_.get()}};
    if (pd.scratchpad_desc().get_size() > 0)
      args_.push_back({DNNL_ARG_SCRATCHPAD, scratchpad_.get()});
  }

  void run(const float* in, float* out) override {
    quantize_fast(in, batch_ * in_, inv_scale_, zero_point_, xq_.data());
    dst_.set_data_handle(out);
    omp_set_num_threads(threads_);
    // The C API with a prebuilt argument array: the C++ wrapper would build a map per call.
    dnnl::error::wrap_c_api(dnnl_primitive_execute(primitive_.get(), stream_.get(),
                                                   static_cast<int>(args_.size()), args_.data()),
                            "could not execute the int8 matmul");
    dnnl::error::wrap_c_api(dnnl_stream_wait(stream_.get()), "could not wait for a oneDNN stream");
  }

 private:
  // W [out, in] row-major is the [in, out] matrix in "ba" order; reorder it into the primitive's
  // layout.
  void pack(const Int8Params& p) {
    memory plain({{dim(in_), dim(p.out)}, memory::data_type::s8, memory::format_tag::ba}, engine_,
                 const_cast<std::int8_t*>(p.weight.data()));
    dnnl::reorder(plain, weights_).execute(stream_, plain, weights_);
    stream_.wait();
    auto* b = static_cast<float*>(bias_.get_data_handle());
    for (std::size_t j = 0; j < p.out; ++j) b[j] = p.bias_div[j] - static_cast<float>(p.comp[j]);
  }

  std::size_t in_, batch_;
  int threads_;
  float inv_scale_;
  std::uint8_t zero_point_;
  dnnl::engine engine_;
  dnnl::stream stream_;
  dnnl::matmul primitive_;
  engine::AlignedVector<std::uint8_t> xq_;
  memory src_, weights_, bias_, dst_, scratchpad_;
  std::vector<dnnl_exec_arg_t> args_;
};

}  // namespace

std::unique_ptr<engine::LayerKernel> make_dnnl_int8(const Int8Params& p,
                                                    const engine::KernelRequest& request) {
  TP_CHECK(request.batch > 0 && p.in > 0 && p.out > 0);
  return std::make_unique<DnnlInt8>(p, request);
}

}  // namespace tinyperf::optimize::detail
