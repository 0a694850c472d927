#include "tinyperf/engine/tensor.h"

#include <array>
#include <bit>
#include <cstring>
#include <limits>

#include <fmt/core.h>

#include "tinyperf/core/choice.h"
#include "tinyperf/core/error.h"

namespace tinyperf::engine {

static_assert(std::endian::native == std::endian::little,
              "model files store little-endian bytes and are read without conversion");

std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::kF32:
    case DType::kI32:
      return 4;
    case DType::kI8:
    case DType::kU8:
      return 1;
  }
  TP_CHECK(false);
}

std::string_view dtype_name(DType dtype) {
  static constexpr std::array<Choice<DType>, 4> kNames{
      {{"F32", DType::kF32}, {"I8", DType::kI8}, {"I32", DType::kI32}, {"U8", DType::kU8}}};
  return choice_name(kNames, dtype);
}

std::optional<DType> dtype_from_name(std::string_view name) {
  for (DType d : {DType::kF32, DType::kI8, DType::kI32, DType::kU8}) {
    if (dtype_name(d) == name) return d;
  }
  return std::nullopt;
}

namespace {

// Element count of `shape`, refusing negative dimensions and products above 2^40 elements
// (no tensor tinyperf handles comes near; the limit keeps byte counts far from overflow).
std::size_t checked_numel(const std::vector<std::int64_t>& shape) {
  constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 40;
  std::uint64_t n = 1;
  for (std::int64_t d : shape) {
    if (d < 0) throw InputError(fmt::format("tensor shape has a negative dimension ({})", d));
    if (d != 0 && n > kMaxElements / static_cast<std::uint64_t>(d)) {
      throw InputError("tensor shape has more than 2^40 elements");
    }
    n *= static_cast<std::uint64_t>(d);
  }
  return static_cast<std::size_t>(n);
}

}  // namespace

Tensor::Tensor() : shape_{0} {}

Tensor::Tensor(std::vector<std::int64_t> shape, DType dtype)
    : shape_(std::move(shape)),
      dtype_(dtype),
      numel_(checked_numel(shape_)),
      storage_(numel_ * dtype_size(dtype)) {}

Tensor Tensor::from_floats(std::vector<std::int64_t> shape, std::span<const float> values) {
  Tensor t(std::move(shape), DType::kF32);
  TP_CHECK(values.size() == t.numel());
  if (!values.empty()) std::memcpy(t.storage_.data(), values.data(), values.size_bytes());
  return t;
}

bool Tensor::operator==(const Tensor& other) const {
  return dtype_ == other.dtype_ && shape_ == other.shape_ && storage_ == other.storage_;
}

}  // namespace tinyperf::engine
