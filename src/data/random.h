// Seeded random numbers whose sequence is fixed by the C++ standard (mt19937_64) and by this code
// rather than by a standard library's distributions. Private to the data module (the engine keeps
// its own copy: modules do not share private headers).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace tinyperf::data::detail {

inline double uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

inline double standard_normal(std::mt19937_64& rng) {
  const double u1 = 1.0 - uniform01(rng);
  const double u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t x;
  do x = rng();
  while (x >= limit);
  return x % n;
}

}  // namespace tinyperf::data::detail
