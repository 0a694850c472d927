// Private: the index stream of the bootstrap. Kept in a header so that the tests can replay the
// exact draws with a straightforward reference resampler (gather + std::nth_element).
#pragma once

#include <cstdint>
#include <random>

namespace tinyperf::stats::detail {

// Uniform indices in [0, range) for range in [1, 2^32), from std::mt19937_64 (fully specified by
// the standard, unlike std::uniform_int_distribution), so an interval is reproducible on every
// platform for a given seed. Each 64-bit draw gives two 32-bit words; each word becomes an index
// by Lemire's multiply-shift with rejection, which is exactly uniform.
class ResampleRng {
 public:
  explicit ResampleRng(std::uint64_t seed) : engine_(seed) {}

  std::uint32_t index(std::uint32_t range) {
    std::uint64_t product = std::uint64_t{next_word()} * range;
    auto low = static_cast<std::uint32_t>(product);
    if (low < range) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-range) % range;
      while (low < threshold) {
        product = std::uint64_t{next_word()} * range;
        low = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }

 private:
  std::uint32_t next_word() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const std::uint64_t bits = engine_();
    spare_ = static_cast<std::uint32_t>(bits);
    has_spare_ = true;
    return static_cast<std::uint32_t>(bits >> 32);
  }

  std::mt19937_64 engine_;
  std::uint32_t spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace tinyperf::stats::detail
