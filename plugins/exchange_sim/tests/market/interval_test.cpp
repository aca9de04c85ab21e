#include "market/interval.hpp"

#include <gtest/gtest.h>

namespace tb::exchange_sim {
namespace {

TEST(interval, names_round_trip_and_lengths_divide_a_day) {
  for (const interval iv : all_intervals) {
    EXPECT_EQ(parse_interval(to_string(iv)), iv);
    EXPECT_EQ(day_ms % interval_ms(iv), 0) << to_string(iv);
  }
  EXPECT_EQ(interval_ms(interval::m15), 900'000);
  EXPECT_EQ(interval_minutes(interval::h8), 480);
  EXPECT_EQ(parse_interval("1w"), std::nullopt);
  EXPECT_EQ(parse_interval(""), std::nullopt);
}

TEST(interval, floor_div_rounds_towards_minus_infinity) {
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(-8, 2), -4);
  EXPECT_EQ(floor_div(0, 5), 0);
}

}  // namespace
}  // namespace tb::exchange_sim
