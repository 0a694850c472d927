#include "tinyperf/engine/tensor.h"

#include <cstdint>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::engine {
namespace {

TEST(DType, NamesRoundTripInSafetensorsSpelling) {
  for (DType d : {DType::kF32, DType::kI8, DType::kI32, DType::kU8}) {
    EXPECT_EQ(dtype_from_name(dtype_name(d)), d);
  }
  EXPECT_EQ(dtype_name(DType::kI8), "I8");
  EXPECT_EQ(dtype_size(DType::kI32), 4u);
  EXPECT_EQ(dtype_size(DType::kU8), 1u);
  EXPECT_FALSE(dtype_from_name("F16").has_value());
  EXPECT_FALSE(dtype_from_name("f32").has_value());
}

TEST(Tensor, IsZeroFilledAndAligned) {
  Tensor t({3, 5}, DType::kF32);
  EXPECT_EQ(t.numel(), 15u);
  EXPECT_EQ(t.size_bytes(), 60u);
  for (float v : t.values<float>()) EXPECT_EQ(v, 0.0f);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(t.bytes().data()) % 64, 0u);
}

TEST(Tensor, StoresInt8Values) {
  Tensor t({4}, DType::kI8);
  t.values<std::int8_t>()[2] = -7;
  EXPECT_EQ(t.size_bytes(), 4u);
  EXPECT_EQ(static_cast<std::int8_t>(t.bytes()[2]), -7);
}

TEST(Tensor, RefusesNegativeAndHugeShapes) {
  EXPECT_THROW(Tensor({2, -1}), InputError);
  EXPECT_THROW(Tensor({1 << 30, 1 << 30, 1 << 30}), InputError);
}

TEST(Tensor, ComparesDtypeShapeAndBits) {
  const std::vector<float> v = {1, 2, 3, 4};
  const Tensor a = Tensor::from_floats({2, 2}, v);
  EXPECT_EQ(a, Tensor::from_floats({2, 2}, v));
  EXPECT_FALSE(a == Tensor::from_floats({4}, v));
  Tensor c = a;
  c.values<float>()[3] = 5.0f;
  EXPECT_FALSE(a == c);
}

}  // namespace
}  // namespace tinyperf::engine
