// Helpers for the hand-worked indicator tests: candles from rows, and column checks that
// treat NaN as "missing" (equal to NaN only) and compare everything else exactly.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "indicators/params.hpp"
#include "indicators/table.hpp"

namespace tb::ictsmc::testing {

struct row {
  double open, high, low, close, volume = 0;
};

inline ohlcv candles(std::initializer_list<row> rows) {
  ohlcv out;
  std::int64_t t = 0;
  for (const row& r : rows) out.push_back(t += 60'000, r.open, r.high, r.low, r.close, r.volume);
  return out;
}

// A candle with the given high and low (open at the low, close at the high: bullish).
inline row hl(double high, double low) { return row{low, high, low, high}; }

// The s = 1 zigzag the registry tests of swing_highs_lows, bos_choch and ob share: swings
// H14@0 (synthetic), L10@1, H20@3, L15@5, H25@7, L14@9 (synthetic).
inline ohlcv registry_zigzag() {
  return candles({{13.5, 14, 12, 13},
                  {11.5, 12, 10, 11},
                  {14, 16, 13, 15},
                  {19, 20, 18, 19},
                  {18, 19, 16, 17},
                  {16.5, 17, 15, 16},
                  {18, 22, 17, 19.5},
                  {23, 25, 21, 24},
                  {21, 23, 19, 20},
                  {20, 21, 14, 19}});
}

// Random walks on a coarse price grid, so that ties happen often; volumes 0..3.
inline ohlcv random_candles(std::mt19937& rng, std::size_t n) {
  ohlcv c;
  double price = 100;
  for (std::size_t i = 0; i < n; ++i) {
    const double open = price;
    price += static_cast<double>(static_cast<int>(rng() % 9) - 4) * 0.25;
    const double high = std::max(open, price) + (rng() % 3) * 0.25;
    const double low = std::min(open, price) - (rng() % 3) * 0.25;
    c.push_back(0, open, high, low, price, static_cast<double>(rng() % 4));
  }
  return c;
}

inline const column& find_column(const table& t, const std::string& name) {
  for (const column& c : t) {
    if (c.name == name) return c;
  }
  static const column missing{};
  ADD_FAILURE() << "no column " << name;
  return missing;
}

inline std::vector<std::string> column_names(const table& t) {
  std::vector<std::string> out;
  for (const column& c : t) out.push_back(c.name);
  return out;
}

// Exact comparison, NaN only equal to NaN; reports every differing row.
inline void expect_values(const std::vector<double>& actual, const std::vector<double>& expected,
                          const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const bool same = std::isnan(expected[i]) ? std::isnan(actual[i]) : actual[i] == expected[i];
    EXPECT_TRUE(same) << what << " row " << i << ": got " << actual[i] << ", want " << expected[i];
  }
}

inline void expect_column(const table& t, const std::string& name, column_kind kind,
                          const std::vector<double>& expected) {
  const column& c = find_column(t, name);
  EXPECT_EQ(c.kind, kind) << name;
  expect_values(c.values, expected, name);
}

// Expects fn() to throw std::invalid_argument with exactly this message.
template <class Fn>
void expect_invalid_argument(Fn&& fn, const char* message) {
  try {
    fn();
    ADD_FAILURE() << "no exception; expected: " << message;
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), message);
  }
}

inline constexpr double N = nan;  // shorthand for "missing" in expected columns

// Parameters as given on the command line; with({{"swing_length", "1"}}).
inline params with(std::initializer_list<std::pair<const char*, const char*>> given) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : given) values.emplace(key, value);
  return params(std::move(values));
}

}  // namespace tb::ictsmc::testing
