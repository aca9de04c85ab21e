#include "market/symbol_catalogue.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace tb::exchange_sim {
namespace {

bool is_power_of_ten(double x) {
  const double e = std::round(std::log10(x));
  return std::fabs(x / std::pow(10.0, e) - 1.0) < 1e-9;
}

TEST(symbol_catalogue, starts_with_real_names_then_numbered_ones) {
  const auto symbols = make_symbol_catalogue(20);
  ASSERT_EQ(symbols.size(), 20u);
  EXPECT_EQ(symbols[0].name, "BTCUSDT");
  EXPECT_EQ(symbols[1].name, "ETHUSDT");
  EXPECT_EQ(symbols[12].name, "SYM013USDT");
  EXPECT_EQ(symbols[19].name, "SYM020USDT");
  EXPECT_GT(symbols[0].base_price, 10'000);
}

TEST(symbol_catalogue, is_deterministic_and_a_longer_one_extends_a_shorter_one) {
  const auto short_list = make_symbol_catalogue(30, 7);
  const auto long_list = make_symbol_catalogue(700, 7);
  const auto other_seed = make_symbol_catalogue(30, 8);
  bool any_difference = false;
  for (std::size_t i = 0; i < short_list.size(); ++i) {
    EXPECT_EQ(short_list[i].name, long_list[i].name);
    EXPECT_EQ(short_list[i].base_price, long_list[i].base_price);
    EXPECT_EQ(short_list[i].annual_volatility, long_list[i].annual_volatility);
    any_difference |= short_list[i].base_price != other_seed[i].base_price;
  }
  EXPECT_TRUE(any_difference) << "seeds 7 and 8 gave the same catalogue";
}

TEST(symbol_catalogue, profiles_are_sane_and_names_unique) {
  const auto symbols = make_symbol_catalogue(700);
  std::set<std::string> names;
  int below_one = 0;
  for (const auto& s : symbols) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_GT(s.base_price, 0) << s.name;
    EXPECT_GE(s.annual_volatility, 0.3) << s.name;
    EXPECT_LE(s.annual_volatility, 2.0) << s.name;
    EXPECT_TRUE(is_power_of_ten(s.tick_size)) << s.name;
    EXPECT_TRUE(is_power_of_ten(s.step_size)) << s.name;
    // At least a thousand ticks in the price, so a tick is at most 0.1 %.
    EXPECT_GE(s.base_price / s.tick_size, 1000) << s.name;
    EXPECT_GT(s.daily_quote_volume, 0) << s.name;
    below_one += s.base_price < 1;
  }
  EXPECT_GT(below_one, 100);
}

}  // namespace
}  // namespace tb::exchange_sim
