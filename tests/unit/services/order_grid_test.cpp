// Exact decimals for exchange filters: parsing, doubles in, grids, quotients, canonical text.
#include "services/order_grid.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tb::host {
namespace {

decimal d(const char* text) {
  const auto value = decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(decimal{});
}

std::string text(const std::optional<decimal>& value) {
  return value ? value->to_string() : "nullopt";
}

TEST(Decimal, ParsesPlainTextAndPrintsItCanonically) {
  EXPECT_EQ(d("0.001").mantissa, 1);
  EXPECT_EQ(d("0.001").scale, 3);
  EXPECT_EQ(d("27150.10").to_string(), "27150.1");
  EXPECT_EQ(d("5").to_string(), "5");
  EXPECT_EQ(d("5.000").to_string(), "5");
  EXPECT_EQ(d("0.00000001").to_string(), "0.00000001");
  EXPECT_EQ(d("0").to_string(), "0");
  EXPECT_EQ(d("999999999999999999.999999999999999999").to_string(),
            "999999999999999999.999999999999999999");
}

TEST(Decimal, RefusesAnythingButPlainNonNegativeText) {
  for (const char* bad : {"", ".5", "5.", "1e-3", "-1", "+1", "1.2.3", " 1", "1 ", "0x10",
                          "0.0000000000000000001",   // 19 decimals
                          "1000000000000000000"}) {  // 10^18
    EXPECT_FALSE(decimal::parse(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(Decimal, ComparesByValueNotBySpelling) {
  EXPECT_EQ(d("0.10"), d("0.1"));
  EXPECT_LT(d("0.1"), d("0.11"));
  EXPECT_GT(d("100"), d("99.99999999"));
}

TEST(Decimal, FromDoubleUsesTheShortestRoundTripText) {
  // 0.1 is 0.1000000000000000055511151231257827... in binary; the shortest text is "0.1".
  EXPECT_EQ(text(decimal::from_double(0.1)), "0.1");
  EXPECT_EQ(text(decimal::from_double(1e-8)), "0.00000001");
  EXPECT_EQ(text(decimal::from_double(27150.1)), "27150.1");
  EXPECT_EQ(text(decimal::from_double(98765.43)), "98765.43");
  // 0.1 + 0.2 is a different double from 0.3; its own shortest text says so.
  EXPECT_EQ(text(decimal::from_double(0.1 + 0.2)), "0.30000000000000004");
  // Digits past the 18th decimal are dropped (truncated): 1.5e-19 reads as 0, and
  // 1.25e-17 = 0.0000000000000000125 keeps its first 18 decimals.
  EXPECT_EQ(text(decimal::from_double(1.5e-19)), "0");
  EXPECT_EQ(text(decimal::from_double(1.25e-17)), "0.000000000000000012");
  EXPECT_EQ(text(decimal::from_double(0)), "0");
}

TEST(Decimal, FromDoubleRefusesWhatIsNotAFiniteNonNegativeValueBelow1e18) {
  EXPECT_FALSE(decimal::from_double(-0.5));
  EXPECT_FALSE(decimal::from_double(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(decimal::from_double(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(decimal::from_double(1e18));
  EXPECT_EQ(text(decimal::from_double(1e17)), "100000000000000000");
}

TEST(Decimal, ArithmeticIsExactOrRefused) {
  EXPECT_EQ(text(multiply(d("0.001"), d("25000"))), "25");
  EXPECT_EQ(text(multiply(d("0.1"), d("0.2"))), "0.02");
  EXPECT_EQ(text(multiply(d("28935"), d("0.0123456"))), "357.219936");
  EXPECT_EQ(text(multiply(d("100000000000000000"), d("100"))), "nullopt");     // 10^19
  EXPECT_EQ(text(multiply(d("0.0000000001"), d("0.0000000001"))), "nullopt");  // 20 decimals
  EXPECT_EQ(text(add(d("0.1"), d("0.2"))), "0.3");
  EXPECT_EQ(text(subtract(d("25000"), d("24500.5"))), "499.5");
  EXPECT_EQ(text(subtract(d("1"), d("2"))), "nullopt");
  EXPECT_EQ(distance(d("24500.5"), d("25000")).to_string(), "499.5");
  EXPECT_EQ(d("0.5").to_double(), 0.5);
}

TEST(OrderGrid, RoundsQuantitiesToTheStepInTheStatedDirection) {
  EXPECT_EQ(text(round_to_grid(d("0.0019"), d("0.001"), rounding::down)), "0.001");
  EXPECT_EQ(text(round_to_grid(d("0.0019"), d("0.001"), rounding::up)), "0.002");
  EXPECT_EQ(text(round_to_grid(d("0.002"), d("0.001"), rounding::down)), "0.002");
  EXPECT_EQ(text(round_to_grid(d("0.002"), d("0.001"), rounding::up)), "0.002");
  EXPECT_EQ(text(round_to_grid(d("0.0009"), d("0.001"), rounding::down)), "0");
  EXPECT_EQ(text(round_to_grid(d("7.5"), d("0"), rounding::up)), "7.5");  // no grid
}

TEST(OrderGrid, RoundsPricesToTheTickIncludingTinyAndLargeOnes) {
  EXPECT_EQ(text(round_to_grid(d("27150.15"), d("0.1"), rounding::down)), "27150.1");
  EXPECT_EQ(text(round_to_grid(d("27150.15"), d("0.1"), rounding::up)), "27150.2");
  EXPECT_EQ(text(round_to_grid(d("0.000012345"), d("0.00000001"), rounding::down)), "0.00001234");
  EXPECT_EQ(text(round_to_grid(d("0.000012345"), d("0.00000001"), rounding::up)), "0.00001235");
  EXPECT_EQ(text(round_to_grid(d("98765.43"), d("0.1"), rounding::down)), "98765.4");
  EXPECT_EQ(text(round_to_grid(d("98765.43"), d("0.1"), rounding::up)), "98765.5");
  EXPECT_EQ(text(round_to_grid(d("123456789.5"), d("10"), rounding::up)), "123456790");
  EXPECT_TRUE(on_grid(d("27150.1"), d("0.1")));
  EXPECT_FALSE(on_grid(d("27150.15"), d("0.1")));
  EXPECT_TRUE(on_grid(d("0.00001234"), d("0.00000001")));
  EXPECT_FALSE(on_grid(d("0.000012345"), d("0.00000001")));
}

TEST(OrderGrid, FloorQuotientIsExactWhereDoublesAreNot) {
  // 0.3 / 0.1 in doubles is 2.9999999999999996, which would floor to 2.
  ASSERT_LT(0.3 / 0.1, 3.0);
  EXPECT_EQ(text(floor_quotient(d("0.3"), d("0.1"), d("1"))), "3");
  // 10 / 3 = 3.333..., floored to 0.001: 3.333 (never 3.334).
  EXPECT_EQ(text(floor_quotient(d("10"), d("3"), d("0.001"))), "3.333");
  // 100 / 25000 = 0.004 exactly: stays 0.004.
  EXPECT_EQ(text(floor_quotient(d("100"), d("25000"), d("0.001"))), "0.004");
  // 10 / 25000 = 0.0004: below one step, 0.
  EXPECT_EQ(text(floor_quotient(d("10"), d("25000"), d("0.001"))), "0");
  // 10 / 0.00000045 = 22222222.2...: whole units.
  EXPECT_EQ(text(floor_quotient(d("10"), d("0.00000045"), d("1"))), "22222222");
  EXPECT_EQ(text(floor_quotient(d("1"), d("0"), d("1"))), "nullopt");
  EXPECT_EQ(text(floor_quotient(d("1"), d("1"), d("0"))), "nullopt");
}

TEST(OrderGrid, CeilQuotientGivesTheSmallestWholeNumberAtOrAbove) {
  EXPECT_EQ(ceil_quotient(d("100"), d("30")), 4);
  EXPECT_EQ(ceil_quotient(d("90"), d("30")), 3);
  EXPECT_EQ(ceil_quotient(d("0.3"), d("0.1")), 3);
  EXPECT_FALSE(ceil_quotient(d("1"), d("0")).has_value());
}

TEST(OrderGrid, PriceRoundingNeverMakesTheOrderWorseThanPlanned) {
  EXPECT_EQ(price_rounding(price_role::entry, TB_SIDE_LONG), rounding::down);
  EXPECT_EQ(price_rounding(price_role::entry, TB_SIDE_SHORT), rounding::up);
  EXPECT_EQ(price_rounding(price_role::stop_loss, TB_SIDE_LONG), rounding::down);    // away
  EXPECT_EQ(price_rounding(price_role::stop_loss, TB_SIDE_SHORT), rounding::up);     // away
  EXPECT_EQ(price_rounding(price_role::take_profit, TB_SIDE_LONG), rounding::down);  // toward
  EXPECT_EQ(price_rounding(price_role::take_profit, TB_SIDE_SHORT), rounding::up);   // toward
}

TEST(OrderGrid, PriceOnGridConvertsTheDoubleThenRounds) {
  const decimal tick = d("0.1");
  // Long: stop 24500.05 below the entry moves down (away) to 24500; target 25999.99 moves
  // down (toward the entry) to 25999.9.
  EXPECT_EQ(text(price_on_grid(24500.05, price_role::stop_loss, TB_SIDE_LONG, tick)), "24500");
  EXPECT_EQ(text(price_on_grid(25999.99, price_role::take_profit, TB_SIDE_LONG, tick)), "25999.9");
  // Short: stop 25500.01 above the entry moves up (away) to 25500.1; target 24000.09 moves up
  // (toward the entry) to 24000.1.
  EXPECT_EQ(text(price_on_grid(25500.01, price_role::stop_loss, TB_SIDE_SHORT, tick)), "25500.1");
  EXPECT_EQ(text(price_on_grid(24000.09, price_role::take_profit, TB_SIDE_SHORT, tick)), "24000.1");
  // A price already on the grid (as its shortest text) stays where it is.
  EXPECT_EQ(text(price_on_grid(27150.1, price_role::entry, TB_SIDE_SHORT, tick)), "27150.1");
  EXPECT_EQ(text(price_on_grid(-1, price_role::entry, TB_SIDE_LONG, tick)), "nullopt");
}

}  // namespace
}  // namespace tb::host
