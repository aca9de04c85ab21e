#include <gtest/gtest.h>

#include "account/signature.hpp"

namespace tb::fake {
namespace {

constexpr const char* secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

TEST(signature, official_test_vector) {
  EXPECT_EQ(hmac_sha256_hex(secret, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943"),
            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
}

TEST(signature, signs_the_encoded_bytes) {
  EXPECT_EQ(hmac_sha256_hex(secret, "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&newClientOrderId=bot-1%2Fa&timestamp=1700000000123"),
            "740245c5e83ff9f97920b83ab6c762e43329d1c1f97093b8eda89edf6fec5564");
}

TEST(signature, query_and_body_join_without_separator) {
  std::string sig;
  const auto payload = signed_payload("symbol=BTCUSDT&timeInForce=GTC", "quantity=1&signature=ABC", sig);
  EXPECT_EQ(payload, "symbol=BTCUSDT&timeInForce=GTCquantity=1");
  EXPECT_EQ(sig, "ABC");
  EXPECT_TRUE(signature_matches(secret, "timestamp=1700000000000",
                                "3FA05CA894E60A0E1B4AF7C854B1B2F57B2D3882CD2EDF8D3A19D32F1CD6E1F9"));
  EXPECT_FALSE(signature_matches(secret, "timestamp=1700000000001",
                                 "3fa05ca894e60a0e1b4af7c854b1b2f57b2d3882cd2edf8d3a19d32f1cd6e1f9"));
}

}  // namespace
}  // namespace tb::fake
