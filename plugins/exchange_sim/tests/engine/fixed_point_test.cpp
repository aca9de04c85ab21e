#include <gtest/gtest.h>

#include "engine/fixed_point.hpp"

namespace tb::exchange_sim {
namespace {

TEST(fixed_point, parses_and_formats_exact_decimals) {
  EXPECT_EQ(parse_fixed("40000.1", 10), 400'001'000'000'000);
  EXPECT_EQ(parse_fixed("0.0000000001", 10), 1);
  EXPECT_EQ(parse_fixed("-2.5", 8), -250'000'000);
  EXPECT_EQ(parse_fixed("1.000000000", 8), 100'000'000);  // trailing zeros beyond the unit are fine
  EXPECT_FALSE(parse_fixed("0.000000001", 8));            // finer than the unit
  EXPECT_FALSE(parse_fixed("1e5", 8));
  EXPECT_FALSE(parse_fixed("", 8));
  EXPECT_FALSE(parse_fixed("99999999999999999999", 8));
  EXPECT_EQ(format_fixed(400'001'000'000'000, 10), "40000.1");
  EXPECT_EQ(format_fixed(-5, 8), "-0.00000005");
  EXPECT_EQ(format_fixed(0, 8), "0");
  EXPECT_EQ(format_fixed(300'000'000, 8), "3");
}

TEST(fixed_point, rounds_half_away_from_zero) {
  EXPECT_EQ(div_round(5, 10), 1);
  EXPECT_EQ(div_round(-5, 10), -1);
  EXPECT_EQ(div_round(4, 10), 0);
  EXPECT_EQ(div_ceil(1, 10), 1);
  EXPECT_EQ(div_ceil(-1, 10), 0);
  EXPECT_EQ(div_floor(-1, 10), -1);
  // 0.1 BTC x 40008.2 x 0.0005 = 2.00041 USDT exactly.
  EXPECT_EQ(money_of_rate(int128{10'000'000} * 400'082'000'000'000, 50'000), 200'041'000);
}

}  // namespace
}  // namespace tb::exchange_sim
