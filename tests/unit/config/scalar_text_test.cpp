#include "config/internal/scalar_text.hpp"

#include <gtest/gtest.h>

namespace tb::host::config_internal {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, AcceptsEachUnitAndBareMilliseconds) {
  EXPECT_EQ(parse_duration("500ms"), milliseconds{500});
  EXPECT_EQ(parse_duration("30s"), milliseconds{30'000});
  EXPECT_EQ(parse_duration("5m"), milliseconds{300'000});
  EXPECT_EQ(parse_duration("1h"), milliseconds{3'600'000});
  EXPECT_EQ(parse_duration("1500"), milliseconds{1500});
  EXPECT_EQ(parse_duration("0"), milliseconds{0});
  EXPECT_EQ(parse_duration("0s"), milliseconds{0});
}

TEST(ParseDuration, RejectsEverythingElse) {
  for (const char* text : {"", "s", "ms", "1.5s", "-5s", "+5s", "30 s", " 30s", "30secs", "5d",
                           "1h30m", "abc", "30S", "9223372036854775807h"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << text;
  }
}

TEST(FormatDuration, UsesTheLargestExactUnit) {
  EXPECT_EQ(format_duration(milliseconds{0}), "0ms");
  EXPECT_EQ(format_duration(milliseconds{500}), "500ms");
  EXPECT_EQ(format_duration(milliseconds{1500}), "1500ms");
  EXPECT_EQ(format_duration(milliseconds{10'000}), "10s");
  EXPECT_EQ(format_duration(milliseconds{90'000}), "90s");
  EXPECT_EQ(format_duration(milliseconds{60'000}), "1m");
  EXPECT_EQ(format_duration(milliseconds{7'200'000}), "2h");
}

TEST(ParseInteger, DecimalWithOptionalSign) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer("+3"), 3);
  EXPECT_EQ(parse_integer("-7"), -7);
  EXPECT_EQ(parse_integer("007"), 7);
  for (const char* text :
       {"", "-", "+", "1.0", "1e3", "0x10", " 1", "1 ", "five", "+-1", "99999999999999999999"}) {
    EXPECT_EQ(parse_integer(text), std::nullopt) << text;
  }
}

TEST(ParseNumber, FiniteDecimalsOnly) {
  EXPECT_EQ(parse_number("0.5"), 0.5);
  EXPECT_EQ(parse_number("-2"), -2.0);
  EXPECT_EQ(parse_number("+1.25"), 1.25);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_EQ(parse_number(".5"), 0.5);
  for (const char* text : {"", "inf", "-inf", "nan", ".inf", "1e999", "0x1p3", "1,5", "half"}) {
    EXPECT_EQ(parse_number(text), std::nullopt) << text;
  }
}

TEST(FormatNumber, AsWritten) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(2400), "2400");
  EXPECT_EQ(format_number(0.9), "0.9");
}

}  // namespace
}  // namespace tb::host::config_internal
