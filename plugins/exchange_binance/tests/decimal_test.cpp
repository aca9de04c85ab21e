#include "filters/decimal.hpp"

#include <gtest/gtest.h>

namespace tb::binance {
namespace {

decimal d(const char* text) {
  const auto value = decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(decimal{});
}

TEST(decimal, parses_plain_decimals_only) {
  EXPECT_TRUE(decimal::parse("0.001"));
  EXPECT_TRUE(decimal::parse("27150"));
  for (const char* bad : {"", ".", "1.", ".5", "-1", "1e3", " 1", "1.2.3", "0x10", "NaN",
                          "1.0000000000000000001"}) {
    EXPECT_FALSE(decimal::parse(bad)) << bad;
  }
}

TEST(decimal, compares_exactly) {
  EXPECT_EQ(compare(d("0.10"), d("0.1")), 0);
  EXPECT_LT(compare(d("0.09"), d("0.1")), 0);
  EXPECT_GT(compare(d("76915.01"), d("76915")), 0);
}

TEST(decimal, grid_checks_need_no_floating_point) {
  EXPECT_TRUE(on_grid(d("76915.10"), d("0.10"), d("556.80")));
  EXPECT_FALSE(on_grid(d("76915.15"), d("0.10"), d("556.80")));
  EXPECT_TRUE(on_grid(d("0.3"), d("0.1"), d("0")));  // 0.1 + 0.2 style traps do not apply
  EXPECT_FALSE(on_grid(d("0.0015"), d("0.001"), d("0.001")));
  EXPECT_TRUE(on_grid(d("5"), d("0"), d("0")));
}

TEST(decimal, product_comparison_is_exact) {
  EXPECT_EQ(compare_product(d("0.002"), d("25000"), d("50")), 0);
  EXPECT_LT(compare_product(d("0.001"), d("49999.9"), d("50")), 0);
  EXPECT_GT(compare_product(d("0.001"), d("50000.1"), d("50")), 0);
  EXPECT_LT(compare_product(d("0"), d("50000"), d("5")), 0);
}

TEST(decimal, prints_canonically) {
  EXPECT_EQ(to_string(d("0.100")), "0.1");
  EXPECT_EQ(to_string(d("27150")), "27150");
  EXPECT_EQ(to_string(d("0.001")), "0.001");
  EXPECT_EQ(to_string(d("10.0")), "10");
}

}  // namespace
}  // namespace tb::binance
