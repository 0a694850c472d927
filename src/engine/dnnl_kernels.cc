#include "dnnl_kernels.h"

#include <omp.h>

#include <algorithm>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "tinyperf/core/check.h"

namespace tinyperf::engine::fast {
namespace {

using dnnl::memory;
using Dims = memory::dims;

memory::dim dim(std::size_t n) { return static_cast<memory::dim>(n); }

// A [rows, cols] fp32 descriptor, stored row-major, or column-major (the transpose) when `trans`.
memory::desc matrix_desc(std::size_t rows, std::size_t cols, bool trans) {
  return memory::desc({dim(rows), dim(cols)}, memory::data_type::f32,
                      trans ? memory::format_tag::ba : memory::format_tag::ab);
}

dnnl::primitive_attr make_attr(bool relu) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  return attr;
}

}  // namespace

void set_threads(int threads) { omp_set_num_threads(threads); }

// Everything one matmul call needs, created once: engine, stream, primitive, memory objects whose
// data handles are pointed at the caller's buffers on each run, and the scratchpad. execute() goes
// through the C API with a prebuilt argument array, because the C++ wrapper builds a vector per
// call.
struct PrimitiveRunner {
  dnnl::engine engine;  // the primitive's own: memory objects must belong to the same engine
  dnnl::stream stream;
  dnnl::matmul primitive;
  memory src, weights, bias, dst, scratchpad;
  std::vector<dnnl_exec_arg_t> args;
  int threads = 1;

  PrimitiveRunner(const dnnl::matmul::primitive_desc& pd, const memory::desc* bias_md, int threads_)
      : engine(pd.get_engine()), stream(engine), primitive(pd), threads(threads_) {
    src = memory(pd.src_desc(), engine, DNNL_MEMORY_NONE);
    weights = memory(pd.weights_desc(), engine, DNNL_MEMORY_NONE);
    dst = memory(pd.dst_desc(), engine, DNNL_MEMORY_NONE);
    if (bias_md != nullptr) bias = memory(*bias_md, engine, DNNL_MEMORY_NONE);
    scratchpad = memory(pd.scratchpad_desc(), engine);
  }

  // Fixes the argument list; call after the memory objects are final.
  void bind() {
    args = {
        {DNNL_ARG_SRC, src.get()}, {DNNL_ARG_WEIGHTS, weights.get()}, {DNNL_ARG_DST, dst.get()}};
    if (scratchpad.get_desc().get_size() > 0)
      args.push_back({DNNL_ARG_SCRATCHPAD, scratchpad.get()});
    if (bias) args.push_back({DNNL_ARG_BIAS, bias.get()});
  }

  void execute() {
    set_threads(threads);
    dnnl::error::wrap_c_api(dnnl_primitive_execute(primitive.get(), stream.get(),
                                                   static_cast<int>(args.size()), args.data()),
                            "could not execute a matmul primitive");
    dnnl::error::wrap_c_api(dnnl_stream_wait(stream.get()), "could not wait for a oneDNN stream");
  }
};

Matmul::Matmul(const Shape& s, int threads) {
  set_threads(threads);
  const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  const memory::desc a = matrix_desc(s.m, s.k, s.trans_a);
  const memory::desc b = matrix_desc(s.k, s.n, s.trans_b);
  const memory::desc c = matrix_desc(s.m, s.n, false);
  const memory::desc bias({1, dim(s.n)}, memory::data_type::f32, memory::format_tag::ab);
  const auto desc = s.bias ? dnnl::matmul::desc(a, b, bias, c) : dnnl::matmul::desc(a, b, c);
  impl_ = std::make_unique<PrimitiveRunner>(
      dnnl::matmul::primitive_desc(desc, make_attr(s.relu), engine), s.bias ? &bias : nullptr,
      threads);
  impl_->bind();
}

Matmul::~Matmul() = default;
Matmul::Matmul(Matmul&&) noexcept = default;
Matmul& Matmul::operator=(Matmul&&) noexcept = default;

void Matmul::run(const float* a, const float* b, const float* bias, float* c) {
  impl_->src.set_data_handle(const_cast<float*>(a));
  impl_->weights.set_data_handle(const_cast<float*>(b));
  impl_->dst.set_data_handle(c);
  if (impl_->bias) impl_->bias.set_data_handle(const_cast<float*>(bias));
  impl_->execute();
}

namespace {

// The inference Linear: weights and bias copied into memory the kernel owns, in oneDNN's layout.
class DnnlLinear final : public LayerKernel {
 public:
  DnnlLinear(const float* weight, const float* bias, std::size_t in, std::size_t out,
             const KernelRequest& request) {
    set_threads(request.threads);
    const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    const memory::desc src = matrix_desc(request.batch, in, false);
    const memory::desc any_weights({dim(in), dim(out)}, memory::data_type::f32,
                                   memory::format_tag::any);
    const memory::desc bias_md({1, dim(out)}, memory::data_type::f32, memory::format_tag::ab);
    const memory::desc dst = matrix_desc(request.batch, out, false);
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src, any_weights, bias_md, dst),
                                          make_attr(request.fuse_relu), engine);
    impl_ = std::make_unique<PrimitiveRunner>(pd, &bias_md, request.threads);
    pack_weights(weight, in, out, pd.weights_desc());
    owned_bias_ = memory(bias_md, engine);
    std::copy(bias, bias + out, static_cast<float*>(owned_bias_.get_data_handle()));
    impl_->bias = owned_bias_;
    impl_->bind();
  }

  void run(const float* in, float* out) override {
    impl_->src.set_data_handle(const_cast<float*>(in));
    impl_->dst.set_data_handle(out);
    impl_->execute();
  }

 private:
  // Reorders W [out, in] (i.e. the [in, out] matrix in "ba" order) into the primitive's layout.
  void pack_weights(const float* weight, std::size_t in, std::size_t out,
                    const memory::desc& packed) {
    memory plain(matrix_desc(in, out, true), impl_->engine, const_cast<float*>(weight));
    owned_weights_ = memory(packed, impl_->engine);
    dnnl::reorder(plain, owned_weights_).execute(impl_->stream, plain, owned_weights_);
    impl_->stream.wait();
    impl_->weights = owned_weights_;
  }

  std::unique_ptr<PrimitiveRunner> impl_;
  memory owned_weights_, owned_bias_;
};

}  // namespace

std::unique_ptr<LayerKernel> make_dnnl_linear(const float* weight, const float* bias,
                                              std::size_t in_features, std::size_t out_features,
                                              const KernelRequest& request) {
  TP_CHECK(request.batch > 0 && in_features > 0 && out_features > 0);
  return std::make_unique<DnnlLinear>(weight, bias, in_features, out_features, request);
}

}  // namespace tinyperf::engine::fast
