// Helpers shared by the optimize module's tests. The engine tests' helpers (seeded random values
// and weights) serve them too: the optimize module sits on the engine.
#pragma once

#include <random>
#include <vector>

#include "../engine/test_util.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/engine/tensor.h"
#include "tinyperf/optimize/linear_int8.h"

namespace tinyperf::optimize::testing {

// The engine names the kernel tests use (`using namespace testing;` brings them in).
using engine::Backend;
using engine::DType;
using engine::Tensor;
using engine::testing::random_values;

inline engine::Tensor scalar_tensor(float v) {
  engine::Tensor t({1});
  t.values<float>()[0] = v;
  return t;
}

inline engine::Tensor u8_scalar(std::uint8_t v) {
  engine::Tensor t({1}, engine::DType::kU8);
  t.values<std::uint8_t>()[0] = v;
  return t;
}

// A LinearInt8 with uniform random int8 weights in [-127, 127], scales in [0.5, 2] × `scale`,
// bias in [-1, 1] and the given input quantization.
inline std::unique_ptr<LinearInt8> random_int8(std::size_t in, std::size_t out, std::uint64_t seed,
                                               ActivationQuant q, float scale = 0.01f) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> w(-127, 127);
  std::uniform_real_distribution<float> s(0.5f * scale, 2.0f * scale), b(-1.0f, 1.0f);
  engine::Tensor weight({static_cast<std::int64_t>(out), static_cast<std::int64_t>(in)},
                        engine::DType::kI8);
  for (auto& v : weight.values<std::int8_t>()) v = static_cast<std::int8_t>(w(rng));
  engine::Tensor ws({static_cast<std::int64_t>(out)}), bias({static_cast<std::int64_t>(out)});
  for (auto& v : ws.values<float>()) v = s(rng);
  for (auto& v : bias.values<float>()) v = b(rng);
  return std::make_unique<LinearInt8>(std::move(weight), std::move(ws), std::move(bias),
                                      scalar_tensor(q.scale), u8_scalar(q.zero_point));
}

// Runs `model` on `batch` rows of `x` with one backend.
inline std::vector<float> run(const engine::Model& model, engine::Backend backend,
                              const std::vector<float>& x, std::size_t batch) {
  engine::Session session(model, {backend, 1});
  std::vector<float> y(batch * model.output_features());
  session.run(x, batch, y);
  return y;
}

}  // namespace tinyperf::optimize::testing
