#include "signing/signer.hpp"

#include <gtest/gtest.h>

namespace tb::binance {
namespace {

constexpr char secret[] = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

TEST(signer, official_test_vector) {
  EXPECT_EQ(hmac_sha256_hex(secret,
                            "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&"
                            "timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"),
            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
}

TEST(signer, signs_the_encoded_bytes_and_appends_the_signature_last) {
  query q;
  q.add("symbol", "BTCUSDT").add("side", "SELL").add("type", "MARKET").add("quantity", "0.010");
  q.add("newClientOrderId", "bot-1/a").add("timestamp", "1700000000123");
  const std::string encoded = q.encode();
  EXPECT_EQ(encoded,
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&newClientOrderId=bot-1%2Fa&"
            "timestamp=1700000000123");
  EXPECT_EQ(signer(secret).sign(encoded),
            encoded + "&signature=740245c5e83ff9f97920b83ab6c762e43329d1c1f97093b8eda89edf6fec5564");
}

TEST(signer, percent_encodes_all_but_unreserved_characters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b/c:d&e=f"), "a%20b%2Fc%3Ad%26e%3Df");
  EXPECT_FALSE(signer().has_secret());
}

}  // namespace
}  // namespace tb::binance
