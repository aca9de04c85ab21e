// Indicator parameters from key=value text, and the registry's errors.
#include "indicators/params.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "hand_candles.hpp"
#include "indicators/registry.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

TEST(params, reads_typed_values_and_defaults) {
  params p({{"swing_length", "5"}, {"close_break", "False"}, {"range_percent", "0.02"}});
  EXPECT_EQ(p.integer("swing_length", 50, 1, 1000), 5);
  EXPECT_FALSE(p.boolean("close_break", true));
  EXPECT_DOUBLE_EQ(p.number("range_percent", 0.01, 0, 1), 0.02);
  EXPECT_EQ(p.text("time_frame", "1D"), "1D");
  EXPECT_TRUE(p.unread().empty());
}

TEST(params, bad_values_name_the_parameter) {
  params p({{"swing_length", "0"}, {"close_break", "maybe"}, {"range_percent", "x"}});
  expect_invalid_argument([&] { p.integer("swing_length", 50, 1, 1000); },
                          "parameter swing_length=\"0\": expected a whole number from 1 to 1000");
  EXPECT_THROW(p.boolean("close_break", true), std::invalid_argument);
  EXPECT_THROW(p.number("range_percent", 0.01, 0, 1), std::invalid_argument);
}

TEST(params, keys_never_read_are_reported) {
  params p({{"swing_length", "5"}, {"swing_lenght", "5"}});
  p.integer("swing_length", 50, 1, 1000);
  EXPECT_EQ(p.unread(), std::vector<std::string>{"swing_lenght"});
}

TEST(registry, an_unknown_indicator_lists_the_known_ones) {
  params p;
  expect_invalid_argument([&] { compute_indicator("fvgs", ohlcv{}, p); },
                          "unknown indicator \"fvgs\" (known: swing_highs_lows, fvg, bos_choch, "
                          "ob, liquidity, previous_high_low, sessions, retracements)");
}

}  // namespace
}  // namespace tb::ictsmc
