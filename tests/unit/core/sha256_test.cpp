// SHA-256 against the FIPS 180-2 test vectors, whole and fed in pieces.
#include "core/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tb::host {
namespace {

TEST(sha256, matches_the_standard_test_vectors) {
  EXPECT_EQ(sha256::hex(sha256::of("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256::hex(sha256::of("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(sha256, pieces_hash_as_the_whole) {
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  sha256 pieces;
  for (std::size_t at = 0; at < text.size(); at += 7) {
    const std::string piece = text.substr(at, 7);
    pieces.add(piece.data(), piece.size());
  }
  const sha256::digest d = pieces.finish();
  EXPECT_EQ(d, sha256::of(text));
  EXPECT_EQ(sha256::hex(d), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace tb::host
