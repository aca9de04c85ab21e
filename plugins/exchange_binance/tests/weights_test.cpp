#include "http/weights.hpp"

#include <gtest/gtest.h>

#include "http/rest_client.hpp"

namespace tb::binance {
namespace {

TEST(weights, klines_by_limit) {
  EXPECT_EQ(klines_weight(1), 1u);
  EXPECT_EQ(klines_weight(99), 1u);
  EXPECT_EQ(klines_weight(100), 2u);
  EXPECT_EQ(klines_weight(499), 2u);
  EXPECT_EQ(klines_weight(500), 5u);
  EXPECT_EQ(klines_weight(0), 5u);  // Binance's default limit is 500
  EXPECT_EQ(klines_weight(1000), 5u);
  EXPECT_EQ(klines_weight(1001), 10u);
  EXPECT_EQ(klines_weight(1500), 10u);
  EXPECT_EQ(open_orders_weight(true), 1u);
  EXPECT_EQ(open_orders_weight(false), 40u);
}

TEST(weights, binance_errors_map_to_statuses) {
  EXPECT_EQ(status_for(429, -1003), TB_E_RATE_LIMITED);
  EXPECT_EQ(status_for(418, -1003), TB_E_RATE_LIMITED);
  EXPECT_EQ(status_for(401, -2015), TB_E_AUTH);
  EXPECT_EQ(status_for(400, -1022), TB_E_AUTH);
  EXPECT_EQ(status_for(400, -2013), TB_E_NOT_FOUND);
  EXPECT_EQ(status_for(400, -1121), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(status_for(400, -4164), TB_E_REJECTED);
  EXPECT_EQ(status_for(502, 0), TB_E_IO);
}

}  // namespace
}  // namespace tb::binance
