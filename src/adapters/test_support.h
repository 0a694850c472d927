// Helpers shared by the adapters tests: a small model whose weights are written out by hand, so
// its parameter count is known, and the engine's own reference output to compare against.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "tinyperf/engine/layer.h"
#include "tinyperf/engine/model.h"
#include "tinyperf/engine/tensor.h"

namespace tinyperf::adapters::testing {

inline engine::Tensor tensor(std::vector<std::int64_t> shape, const std::vector<float>& values) {
  engine::Tensor t(std::move(shape));
  std::copy(values.begin(), values.end(), t.values<float>().begin());
  return t;
}

// Linear(4, 4), ReLU, Linear(4, 2): 4·4 + 4 + 4·2 + 2 = 30 parameters. 5 of the first layer's 16
// weights and 2 of the second's 8 are not zero, few enough that to_sparse stores both layers as
// CSR (5 and 2 values).
inline engine::Model small_model() {
  engine::Model m(4);
  m.add(std::make_unique<engine::Linear>(
      tensor({4, 4}, {0.5f, 0, 0, -1.0f, 0, 2.0f, 0, 0, 0, 0, 0, 1.5f, 0, 0, -1.0f, 0}),
      tensor({4}, {0.1f, -0.2f, 0.3f, 0.0f})));
  m.add(std::make_unique<engine::ReLU>());
  m.add(std::make_unique<engine::Linear>(tensor({2, 4}, {1.0f, 0, 0, 0, 0, 0, 0, 1.0f}),
                                         tensor({2}, {0.05f, 0.0f})));
  return m;
}

// Five rows of four features, varied enough that both outputs of small_model() change with them.
inline std::vector<float> small_rows() {
  return {1.0f, 2.0f, 3.0f, 4.0f,  -1.0f, 0.5f, 2.0f, -2.0f, 0.25f, -0.75f,
          1.0f, 0.0f, 2.0f, -1.0f, 1.0f,  3.0f, 0.0f, 1.0f,  -3.0f, 0.5f};
}

// The engine's reference output for `rows` (model.forward), compared value by value.
inline void expect_scores_match(const engine::Model& model, std::span<const float> rows,
                                std::size_t count, std::span<const float> scores) {
  const engine::Tensor expected = model.forward(rows.first(count * model.input_features()), count);
  const auto want = expected.values<float>();
  ASSERT_EQ(scores.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(scores[i], want[i], 1e-5) << i;
}

}  // namespace tinyperf::adapters::testing
