// SHA-256 (FIPS 180-2), used to identify data sets, model files and reports by their content.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tinyperf {

// Incremental SHA-256. Feed bytes with update() in any number of pieces, then call hex_digest()
// or digest() once; after that the object must not be updated again (TP_CHECK aborts).
// Not thread-safe; cheap to create (no allocation).
class Sha256 {
 public:
  Sha256();

  // Appends `bytes` to the message.
  void update(std::span<const std::byte> bytes);
  void update(std::string_view bytes);

  // Finishes the message and returns the 32-byte digest.
  std::array<std::uint8_t, 32> digest();

  // Finishes the message and returns the digest as 64 lower-case hex digits.
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
  bool finished_ = false;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace tinyperf
