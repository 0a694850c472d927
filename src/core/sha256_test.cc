#include "tinyperf/core/sha256.h"

#include <string>

#include <gtest/gtest.h>

namespace tinyperf {
namespace {

// Expected digests: FIPS 180-2 Appendix B.1 ("abc"), B.2 (the 448-bit message) and B.3 (one million
// 'a'); the empty-string digest is the widely published SHA-256 of zero bytes.
TEST(Sha256, MatchesFips180OneBlockMessage) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, MatchesFips180TwoBlockMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MatchesFips180MillionA) {
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, HashesTheEmptyMessage) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, GivesTheSameDigestWhateverTheChunking) {
  const std::string message(1000, 'x');
  for (std::size_t chunk : {1u, 55u, 56u, 63u, 64u, 65u, 999u}) {
    Sha256 hash;
    for (std::size_t at = 0; at < message.size(); at += chunk) {
      hash.update(std::string_view(message).substr(at, chunk));
    }
    EXPECT_EQ(hash.hex_digest(), sha256_hex(message)) << "chunk " << chunk;
  }
}

}  // namespace
}  // namespace tinyperf
