// read_options::interval_ms: open times on the interval's grid, close times one interval on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "candle_files/candle_file.hpp"
#include "candle_test_support.hpp"

namespace tb::candle_files {
namespace {

using test::error_of;

constexpr read_options one_minute{60'000};

TEST(candle_interval, OnTheGridWithGapsIsFine) {
  const auto c = parse_candle_csv(
      "open_time,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,10\n"
      "1704067380000,1,2,0.5,1.5,10\n",
      "candles.csv", one_minute);
  EXPECT_EQ(c.size(), 2u);
}

TEST(candle_interval, CsvOffTheGrid) {
  const auto e = error_of([] {
    parse_candle_csv(
        "open_time,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,10\n"
        "1704067230000,1,2,0.5,1.5,10\n",
        "candles.csv", one_minute);
  });
  EXPECT_EQ(e.message,
            "candles.csv:3: column 1 \"open_time\": 2024-01-01T00:00:30Z is not on the grid of the "
            "60000 ms interval; open times must be whole multiples of it since the epoch");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 1u);
}

TEST(candle_interval, CsvCloseTimeOfAnotherInterval) {
  const auto e = error_of([] {
    parse_candle_csv("1704067200000,1,2,0.5,1.5,10,1704070799999,15,3,5,7.5,0\n", "candles.csv",
                     one_minute);
  });
  EXPECT_EQ(e.message,
            "candles.csv:1: column 7 \"close_time\": close time 2024-01-01T00:59:59.999Z is not "
            "2024-01-01T00:00:59.999Z (open time + 60000 ms - 1); is the file of another "
            "interval?");
  EXPECT_EQ(e.column, 7u);
}

TEST(candle_interval, JsonOffTheGridAndWrongCloseTime) {
  const auto off = error_of(
      [] { parse_candle_json("[[1704067200001,1,2,0.5,1.5,10]]", "candles.json", one_minute); });
  EXPECT_EQ(off.message,
            "candles.json: row index 0, element 0 \"open_time\": 2024-01-01T00:00:00.001Z is not "
            "on the grid of the 60000 ms interval; open times must be whole multiples of it since "
            "the epoch");
  const auto close = error_of([] {
    parse_candle_json("[[1704067200000,1,2,0.5,1.5,10,1704067200000]]", "candles.json", one_minute);
  });
  EXPECT_EQ(close.column, 7u);
}

}  // namespace
}  // namespace tb::candle_files
