// Tensor: an n-dimensional, row-major block of fp32 or integer values with a shape. It owns its
// storage (64-byte aligned, zero-initialized), is a value type (copying copies the data) and knows
// nothing about layers or kernels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tinyperf/core/check.h"

namespace tinyperf::engine {

// Element types a tensor (and a model file) can hold. The names are safetensors' dtype names.
enum class DType : std::uint8_t {
  kF32,  // "F32": IEEE-754 binary32
  kI8,   // "I8": signed 8-bit (quantized weights)
  kI32,  // "I32": signed 32-bit (int8 accumulators, indices of sparse layouts)
  kU8,   // "U8": unsigned 8-bit (quantized activations, masks)
};

// Bytes per element of `dtype`.
std::size_t dtype_size(DType dtype);

// The safetensors name of `dtype` ("F32", "I8", "I32", "U8").
std::string_view dtype_name(DType dtype);

// The dtype called `name` in safetensors spelling, or nullopt when tinyperf does not support it.
std::optional<DType> dtype_from_name(std::string_view name);

// The DType that stores C++ type T (float, int8_t, int32_t, uint8_t).
template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::kF32;
}
template <>
constexpr DType dtype_of<std::int8_t>() {
  return DType::kI8;
}
template <>
constexpr DType dtype_of<std::int32_t>() {
  return DType::kI32;
}
template <>
constexpr DType dtype_of<std::uint8_t>() {
  return DType::kU8;
}

// Allocator giving 64-byte (cache-line and zmm) aligned storage, so kernels may use aligned loads.
template <class T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64}));
  }
  void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
  template <class U>
  bool operator==(const AlignedAllocator<U>&) const {
    return true;
  }
};

// A 64-byte aligned std::vector; used for weights and activations.
template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

class Tensor {
 public:
  // An empty fp32 tensor of shape {0}.
  Tensor();

  // A zero-filled tensor. Throws InputError when a dimension is negative or the element count
  // overflows (shapes come from files).
  explicit Tensor(std::vector<std::int64_t> shape, DType dtype = DType::kF32);

  // An fp32 tensor holding a copy of `values`; TP_CHECK that their count matches the shape.
  static Tensor from_floats(std::vector<std::int64_t> shape, std::span<const float> values);

  const std::vector<std::int64_t>& shape() const { return shape_; }
  DType dtype() const { return dtype_; }
  std::size_t numel() const { return numel_; }
  std::size_t size_bytes() const { return storage_.size(); }

  // The elements as T; TP_CHECK that T matches dtype() (a mismatch is a bug, not bad input).
  template <class T>
  std::span<T> values() {
    TP_CHECK(dtype_of<T>() == dtype_);
    return {reinterpret_cast<T*>(storage_.data()), numel_};
  }
  template <class T>
  std::span<const T> values() const {
    TP_CHECK(dtype_of<T>() == dtype_);
    return {reinterpret_cast<const T*>(storage_.data()), numel_};
  }

  // The raw little-endian bytes (what a model file stores).
  std::span<std::byte> bytes() { return storage_; }
  std::span<const std::byte> bytes() const { return storage_; }

  // Same dtype, same shape, same bytes (bit-exact; NaNs compare by bits).
  bool operator==(const Tensor& other) const;

 private:
  std::vector<std::int64_t> shape_;
  DType dtype_ = DType::kF32;
  std::size_t numel_ = 0;
  AlignedVector<std::byte> storage_;
};

}  // namespace tinyperf::engine
