// SparseLinear: CSR conversion, its kernels against dense reference loops, and hostile CSR data.
//
// Tolerance: the sparse kernels sum in float in their own order, the dense reference (the engine's
// Linear) in double; as in the engine's kernel tests, a float sum of K products errs by at most
// γ_K·Σ|w·x| (Higham §3.1, γ_K ≈ K·2⁻²⁴). We allow 2·γ_{K+1}·(Σ|w·x| + |b|) plus one ulp.
#include <cmath>

#include <gtest/gtest.h>

#include "test_util.h"
#include "tinyperf/core/error.h"
#include "tinyperf/optimize/prune.h"
#include "tinyperf/optimize/sparse_linear.h"

namespace tinyperf::optimize {
namespace {

using namespace testing;  // test_util.h: engine names, random values and layers

// A Linear with about `density` of its weights nonzero (uniform in [-1, 1]).
engine::Linear sparse_random_linear(std::size_t in, std::size_t out, double density,
                                    std::uint64_t seed) {
  engine::Linear l(in, out);
  const auto w = random_values(in * out, seed);
  const auto keep = random_values(in * out, seed + 1, 0.0f, 1.0f);
  const auto b = random_values(out, seed + 2);
  for (std::size_t i = 0; i < w.size(); ++i)
    l.weight().values<float>()[i] = keep[i] < density ? w[i] : 0.0f;
  std::copy(b.begin(), b.end(), l.bias().values<float>().begin());
  return l;
}

void expect_matches_dense(std::size_t in, std::size_t out, std::size_t batch, double density,
                          bool relu) {
  const engine::Linear dense = sparse_random_linear(in, out, density, in * 7 + out);
  engine::Model dense_model(in), sparse_model(in);
  dense_model.add(dense.clone());
  sparse_model.add(SparseLinear::from_linear(dense));
  if (relu) {
    dense_model.add(std::make_unique<engine::ReLU>());
    sparse_model.add(std::make_unique<engine::ReLU>());
  }
  const auto x = random_values(batch * in, batch);
  const auto want = testing::run(dense_model, Backend::kReference, x, batch);
  const double gamma = 2.0 * double(in + 1) * 0x1.0p-24;
  for (Backend backend : {Backend::kReference, Backend::kFast, Backend::kOneDnn}) {
    const auto got = testing::run(sparse_model, backend, x, batch);
    for (std::size_t b = 0; b < batch; ++b) {
      for (std::size_t j = 0; j < out; ++j) {
        double mag = std::fabs(dense.bias().values<float>()[j]);
        for (std::size_t k = 0; k < in; ++k)
          mag += std::fabs(dense.weight().values<float>()[j * in + k] * x[b * in + k]);
        const std::size_t i = b * out + j;
        ASSERT_NEAR(got[i], want[i], gamma * mag + std::fabs(want[i]) * 1.2e-7)
            << in << "x" << out << " batch " << batch << " density " << density << " backend "
            << int(backend) << " at " << i;
      }
    }
  }
}

TEST(SparseKernels, MatchDenseReferenceOnOddShapes) {
  for (std::size_t in : {1, 3, 17, 1000}) {
    for (std::size_t out : {1, 3, 17, 100}) {
      for (std::size_t batch : {1, 2, 17}) {
        expect_matches_dense(in, out, batch, 0.1, false);
        expect_matches_dense(in, out, batch, 0.25, true);
      }
    }
  }
  expect_matches_dense(784, 256, 256, 0.1, true);
  expect_matches_dense(784, 256, 33, 0.9, true);  // dense enough for the dense fast path
  expect_matches_dense(20, 5, 3, 0.0, true);      // no nonzero at all: bias only
}

TEST(SparseLinear, RoundTripsThroughDense) {
  const engine::Linear dense =
      sparse_random_linear(70000, 2, 0.001, 3);  // wide: I32 column indices
  const auto sparse = SparseLinear::from_linear(dense);
  EXPECT_EQ(sparse->tensors()[1].second->dtype(), DType::kI32);
  EXPECT_EQ(sparse->to_linear().weight(), dense.weight());
  const engine::Linear narrow = sparse_random_linear(300, 7, 0.2, 4);
  const auto s2 = SparseLinear::from_linear(narrow);
  EXPECT_EQ(s2->tensors()[1].second->dtype(), DType::kU8);
  EXPECT_EQ(s2->to_linear().weight(), narrow.weight());
  EXPECT_EQ(s2->to_linear().bias(), narrow.bias());
  EXPECT_NEAR(weight_sparsity(*s2), weight_sparsity(narrow), 1e-12);
}

Tensor i32(std::vector<std::int32_t> v) {
  Tensor t({static_cast<std::int64_t>(v.size())}, DType::kI32);
  std::copy(v.begin(), v.end(), t.values<std::int32_t>().begin());
  return t;
}

Tensor u16_pairs(std::vector<std::uint16_t> v) {
  Tensor t({static_cast<std::int64_t>(v.size()), 2}, DType::kU8);
  for (std::size_t i = 0; i < v.size(); ++i) {
    t.values<std::uint8_t>()[2 * i] = static_cast<std::uint8_t>(v[i] & 0xff);
    t.values<std::uint8_t>()[2 * i + 1] = static_cast<std::uint8_t>(v[i] >> 8);
  }
  return t;
}

TEST(SparseLinear, RejectsHostileCsr) {
  const Tensor values = Tensor::from_floats({3}, std::vector<float>{1, 2, 3});
  const Tensor bias({2});
  auto make = [&](std::size_t in, Tensor v, Tensor cols, Tensor ptr) {
    return SparseLinear(in, std::move(v), std::move(cols), std::move(ptr), bias);
  };
  EXPECT_NO_THROW(make(4, values, u16_pairs({0, 3, 1}), i32({0, 2, 3})));
  EXPECT_NO_THROW(make(4, values, i32({0, 3, 1}), i32({0, 2, 3})));
  EXPECT_THROW(make(4, values, u16_pairs({0, 4, 1}), i32({0, 2, 3})), InputError);  // column 4 of 4
  EXPECT_THROW(make(4, values, i32({0, -1, 1}), i32({0, 2, 3})), InputError);  // negative column
  EXPECT_THROW(make(4, values, u16_pairs({3, 0, 1}), i32({0, 2, 3})),
               InputError);  // not increasing
  EXPECT_THROW(make(4, values, u16_pairs({1, 1, 1}), i32({0, 2, 3})), InputError);  // duplicate
  EXPECT_THROW(make(4, values, u16_pairs({0, 3, 1}), i32({0, 3, 2})),
               InputError);  // pointers decrease
  EXPECT_THROW(make(4, values, u16_pairs({0, 3, 1}), i32({1, 2, 3})), InputError);  // not from 0
  EXPECT_THROW(make(4, values, u16_pairs({0, 3, 1}), i32({0, 2, 4})),
               InputError);  // not ending at nnz
  EXPECT_THROW(make(4, values, u16_pairs({0, 3, 1}), i32({0, 2})), InputError);  // wrong length
  EXPECT_THROW(make(4, values, Tensor({3}), i32({0, 2, 3})), InputError);        // F32 indices
  EXPECT_THROW(make(4, values, u16_pairs({0, 3}), i32({0, 2, 3})), InputError);  // count mismatch
  EXPECT_THROW(make(4, Tensor::from_floats({3}, std::vector<float>{1, NAN, 3}),
                    u16_pairs({0, 3, 1}), i32({0, 2, 3})),
               InputError);
  EXPECT_THROW(make(0, values, u16_pairs({0, 3, 1}), i32({0, 2, 3})), InputError);
}

}  // namespace
}  // namespace tinyperf::optimize
