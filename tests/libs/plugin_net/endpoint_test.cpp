#include "plugin_net/endpoint.hpp"

#include <gtest/gtest.h>

namespace tb::net {
namespace {

TEST(endpoint, parses_base_urls) {
  const endpoint real = parse_endpoint("https://fapi.binance.com");
  EXPECT_TRUE(real.tls);
  EXPECT_EQ(real.host, "fapi.binance.com");
  EXPECT_EQ(real.port, "443");
  EXPECT_EQ(real.host_header(), "fapi.binance.com");
  const endpoint fake = parse_endpoint("http://127.0.0.1:40123/");
  EXPECT_FALSE(fake.tls);
  EXPECT_EQ(fake.port, "40123");
  EXPECT_EQ(fake.prefix, "");
  EXPECT_EQ(fake.host_header(), "127.0.0.1:40123");
  const endpoint v6 = parse_endpoint("ws://[::1]:9000/ws");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.prefix, "/ws");
  EXPECT_EQ(v6.host_header(), "[::1]:9000");
}

}  // namespace
}  // namespace tb::net
