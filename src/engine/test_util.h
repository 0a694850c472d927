// Helpers shared by the engine's tests, and by the optimize tests through optimize/test_util.h.
#pragma once

#include <random>
#include <vector>

#include "tinyperf/engine/model.h"

namespace tinyperf::engine::testing {

// `n` values uniform in [lo, hi) from mt19937_64(seed) (std::uniform_real_distribution: test
// inputs, not results that must match across standard libraries).
inline std::vector<float> random_values(std::size_t n, std::uint64_t seed, float lo = -1.0f,
                                        float hi = 1.0f) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

// Fills every Linear layer's weights and bias with uniform values in [-scale, scale].
inline void randomize(Model& model, std::uint64_t seed, float scale = 1.0f) {
  for (std::size_t i = 0; i < model.num_layers(); ++i) {
    auto* linear = dynamic_cast<Linear*>(&model.layer(i));
    if (linear == nullptr) continue;
    auto w = random_values(linear->weight().numel(), seed + 2 * i, -scale, scale);
    auto b = random_values(linear->bias().numel(), seed + 2 * i + 1, -scale, scale);
    std::copy(w.begin(), w.end(), linear->weight().values<float>().begin());
    std::copy(b.begin(), b.end(), linear->bias().values<float>().begin());
  }
}

}  // namespace tinyperf::engine::testing
