#include "store/decimal_text.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(decimal_text, accepts_plain_decimals_only) {
  for (const char* ok : {"0", "12", "-3", "27150.10", "-0.000001", "007.50"}) {
    EXPECT_TRUE(is_decimal_text(ok)) << ok;
  }
  for (const char* bad : {"", "-", ".5", "5.", "+1", "1e3", "1,5", " 1", "1 ", "1.2.3", "nan",
                          "--1", "0x10"}) {
    EXPECT_FALSE(is_decimal_text(bad)) << bad;
  }
}

TEST(decimal_sum, is_exact_where_doubles_are_not) {
  decimal_sum sum;
  for (int i = 0; i < 10; ++i) sum.add("0.1");
  EXPECT_EQ(sum.str(), "1.0");
  decimal_sum third;
  third.add("0.1");
  third.add("0.2");
  EXPECT_EQ(third.str(), "0.3");
}

TEST(decimal_sum, keeps_the_largest_scale_and_handles_signs) {
  decimal_sum sum;
  EXPECT_EQ(sum.str(), "0");
  sum.add("1.50");
  sum.add("2.25");
  EXPECT_EQ(sum.str(), "3.75");
  sum.subtract("5");
  EXPECT_EQ(sum.str(), "-1.25");
  sum.add("-0.005");
  EXPECT_EQ(sum.str(), "-1.255");
  sum.add("1.255");
  EXPECT_EQ(sum.str(), "0.000");
  sum.subtract("0.001");
  EXPECT_EQ(sum.str(), "-0.001");
  sum.add("0.0015");
  EXPECT_EQ(sum.str(), "0.0005");
}

TEST(decimal_sum, carries_beyond_64_bits) {
  decimal_sum sum;
  sum.add("99999999999999999999999999.999999999");
  sum.add("0.000000001");
  EXPECT_EQ(sum.str(), "100000000000000000000000000.000000000");
  sum.subtract("100000000000000000000000000.000000001");
  EXPECT_EQ(sum.str(), "-0.000000001");
}

TEST(decimal_sum, refuses_text_that_is_not_a_decimal) {
  decimal_sum sum;
  EXPECT_THROW(sum.add("1e3"), std::invalid_argument);
  EXPECT_THROW(sum.subtract(""), std::invalid_argument);
  EXPECT_EQ(sum.str(), "0");
}

}  // namespace
}  // namespace tb::host
