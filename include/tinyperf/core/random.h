// Seeded random numbers whose sequence is fixed by the C++ standard and by this code, so that a
// seed gives the same data set, weights, training order and run order with every compiler and
// standard library: the engine is std::mt19937_64 (its output is specified by the standard), and
// the distributions are written here rather than taken from <random> (whose algorithms differ
// between implementations). Results recorded with a seed stay reproducible as long as this file
// does not change.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

namespace tinyperf {

// One stream of random numbers from one seed. Not thread-safe: one generator per thread.
class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1) with 53 random bits (one draw).
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Standard normal by Box-Muller: one value from two draws (simple rather than fast).
  double standard_normal() {
    const double u1 = 1.0 - uniform01();  // (0, 1], so log is finite
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  // Uniform integer in [0, n) without modulo bias (rejection sampling); n >= 1.
  std::uint64_t uniform_below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x;
    do x = engine_();
    while (x >= limit);
    return x % n;
  }

  // Fisher-Yates shuffle of `items`: for i = size .. 2, swaps item i-1 with item uniform_below(i).
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[uniform_below(i)]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace tinyperf
