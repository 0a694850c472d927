#include "tinyperf/optimize/sparse_linear.h"

#include <cmath>

#include <fmt/format.h>

#include "sparse_kernels.h"
#include "tinyperf/core/error.h"

namespace tinyperf::optimize {
namespace {

using engine::DType;
using engine::Tensor;

constexpr std::size_t kMaxU16Columns = 65536;

[[noreturn]] void bad(const std::string& what) { throw InputError("linear_sparse layer: " + what); }

std::int64_t i64(std::size_t n) { return static_cast<std::int64_t>(n); }

bool is_vector(const Tensor& t, DType dtype) { return t.dtype() == dtype && t.shape().size() == 1; }

// Row pointers start at 0, never decrease and end at nnz.
void check_row_ptr(std::span<const std::int32_t> ptr, std::size_t nnz) {
  if (ptr.front() != 0) bad("tensor \"row_ptr\" must start at 0");
  for (std::size_t j = 0; j + 1 < ptr.size(); ++j) {
    if (ptr[j + 1] < ptr[j])
      bad(fmt::format("tensor \"row_ptr\" decreases at row {} ({} then {})", j, ptr[j],
                      ptr[j + 1]));
  }
  if (static_cast<std::size_t>(ptr.back()) != nnz) {
    bad(fmt::format("tensor \"row_ptr\" ends at {} but there are {} values", ptr.back(), nnz));
  }
}

void check_finite(std::span<const float> v, const char* name) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) bad(fmt::format("tensor \"{}\" element {} is not finite", name, i));
  }
}

detail::CsrParams make_params(const SparseLinear& layer) {
  detail::CsrParams p;
  p.in = layer.in_features();
  p.out = layer.out_features();
  p.row_ptr.assign(layer.row_ptr().begin(), layer.row_ptr().end());
  p.values.assign(layer.values().begin(), layer.values().end());
  p.bias.assign(layer.bias().begin(), layer.bias().end());
  for (std::size_t i = 0; i < layer.nonzeros(); ++i) p.cols.push_back(layer.column(i));
  return p;
}

}  // namespace

SparseLinear::SparseLinear(std::size_t in_features, Tensor values, Tensor col_indices,
                           Tensor row_ptr, Tensor bias)
    : values_(std::move(values)),
      col_indices_(std::move(col_indices)),
      row_ptr_(std::move(row_ptr)),
      bias_(std::move(bias)) {
  in_ = in_features;
  if (in_ == 0 || in_ > static_cast<std::size_t>(INT32_MAX))
    bad(fmt::format("in_features {} is out of range", in_));
  if (!is_vector(values_, DType::kF32)) bad("tensor \"values\" must be F32 of shape [nnz]");
  if (!is_vector(bias_, DType::kF32) || bias_.numel() == 0)
    bad("tensor \"bias\" must be F32 of shape [out], out >= 1");
  out_ = bias_.numel();
  if (!is_vector(row_ptr_, DType::kI32) || row_ptr_.numel() != out_ + 1) {
    bad(fmt::format("tensor \"row_ptr\" must be I32 of shape [{}]", out_ + 1));
  }
  const std::size_t nnz = values_.numel();
  const bool u16 = col_indices_.dtype() == DType::kU8 &&
                   col_indices_.shape() == std::vector<std::int64_t>{i64(nnz), 2};
  if (!u16 && !(is_vector(col_indices_, DType::kI32) && col_indices_.numel() == nnz)) {
    bad(
        fmt::format("tensor \"col_indices\" must be U8 of shape [{}, 2] (uint16 little-endian) or "
                    "I32 of shape [{}]",
                    nnz, nnz));
  }
  if (nnz > in_ * out_) bad(fmt::format("{} values do not fit a {}x{} weight", nnz, out_, in_));
  check_row_ptr(this->row_ptr(), nnz);
  for (std::size_t j = 0; j < out_; ++j) {
    for (auto i = static_cast<std::size_t>(this->row_ptr()[j]);
         i < static_cast<std::size_t>(this->row_ptr()[j + 1]); ++i) {
      const std::int64_t c = u16 ? std::int64_t{column(i)} : col_indices_.values<std::int32_t>()[i];
      if (c < 0 || static_cast<std::size_t>(c) >= in_)
        bad(fmt::format("column index {} of value {} is outside [0, {})", c, i, in_));
      if (i > static_cast<std::size_t>(this->row_ptr()[j]) && c <= std::int64_t{column(i - 1)}) {
        bad(fmt::format("column indices of row {} are not strictly increasing at value {}", j, i));
      }
    }
  }
  check_finite(values_.values<float>(), "values");
  check_finite(bias_.values<float>(), "bias");
}

std::uint32_t SparseLinear::column(std::size_t i) const {
  if (col_indices_.dtype() == DType::kU8) {
    const auto b = col_indices_.values<std::uint8_t>();
    return static_cast<std::uint32_t>(b[2 * i]) | (static_cast<std::uint32_t>(b[2 * i + 1]) << 8);
  }
  return static_cast<std::uint32_t>(col_indices_.values<std::int32_t>()[i]);
}

std::unique_ptr<SparseLinear> SparseLinear::from_linear(const engine::Linear& linear) {
  const std::size_t in = linear.in_features(), out = linear.out_features();
  const auto w = linear.weight().values<float>();
  std::vector<float> values;
  std::vector<std::uint32_t> cols;
  Tensor row_ptr({i64(out + 1)}, DType::kI32);
  for (std::size_t j = 0; j < out; ++j) {
    for (std::size_t k = 0; k < in; ++k) {
      if (w[j * in + k] != 0.0f) {
        values.push_back(w[j * in + k]);
        cols.push_back(static_cast<std::uint32_t>(k));
      }
    }
    row_ptr.values<std::int32_t>()[j + 1] = static_cast<std::int32_t>(values.size());
  }
  const bool u16 = in <= kMaxU16Columns;
  Tensor col_indices =
      u16 ? Tensor({i64(cols.size()), 2}, DType::kU8) : Tensor({i64(cols.size())}, DType::kI32);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (u16) {
      col_indices.values<std::uint8_t>()[2 * i] = static_cast<std::uint8_t>(cols[i] & 0xff);
      col_indices.values<std::uint8_t>()[2 * i + 1] = static_cast<std::uint8_t>(cols[i] >> 8);
    } else {
      col_indices.values<std::int32_t>()[i] = static_cast<std::int32_t>(cols[i]);
    }
  }
  return std::make_unique<SparseLinear>(in, Tensor::from_floats({i64(values.size())}, values),
                                        std::move(col_indices), std::move(row_ptr), linear.bias());
}

double SparseLinear::density() const {
  return static_cast<double>(nonzeros()) / (static_cast<double>(in_) * static_cast<double>(out_));
}

engine::Linear SparseLinear::to_linear() const {
  engine::Linear linear(in_, out_);
  auto w = linear.weight().values<float>();
  for (std::size_t j = 0; j < out_; ++j) {
    for (auto i = static_cast<std::size_t>(row_ptr()[j]);
         i < static_cast<std::size_t>(row_ptr()[j + 1]); ++i) {
      w[j * in_ + column(i)] = values()[i];
    }
  }
  std::copy(bias().begin(), bias().end(), linear.bias().values<float>().begin());
  return linear;
}

nlohmann::json SparseLinear::config() const {
  nlohmann::json config = AffineLayer::config();
  config["format"] = "csr";
  return config;
}

std::vector<std::pair<std::string, const Tensor*>> SparseLinear::tensors() const {
  return {{"values", &values_},
          {"col_indices", &col_indices_},
          {"row_ptr", &row_ptr_},
          {"bias", &bias_}};
}

void SparseLinear::forward_reference(std::span<const float> in, std::span<float> out,
                                     std::size_t batch, std::size_t input_features) const {
  check_batch(in, out, batch, input_features);
  detail::csr_linear_ref(make_params(*this), in.data(), out.data(), batch, false);
}

std::unique_ptr<engine::LayerKernel> SparseLinear::prepare(
    const engine::KernelRequest& request) const {
  output_features(request.input_features);
  switch (request.backend) {
    case engine::Backend::kReference:
      return detail::make_reference_csr(make_params(*this), request);
    case engine::Backend::kFast:
      if (density() <= (request.batch == 1 ? kSparseGemvMaxDensity : kSparseKernelMaxDensity)) {
        return detail::make_fast_csr(make_params(*this), request);
      }
      return to_linear().prepare(request);  // the engine's fast kernels copy (pack) the weights
    case engine::Backend::kOneDnn:
      return to_linear().prepare(request);
  }
  TP_CHECK(false);
}

}  // namespace tinyperf::optimize
