#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "candle_files/candle_file.hpp"
#include "candle_test_support.hpp"

namespace tb::candle_files {
namespace {

using test::json_error;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr std::int64_t dec_1 = 1'606'780'800'000;  // 2020-12-01T00:00:00Z
constexpr std::int64_t hour = 3'600'000;

candle_columns parse(const std::string& text) { return parse_candle_json(text, "candles.json"); }

TEST(candle_json, ReadsFreqtradeRowsOfNumbers) {
  const auto c = parse(
      "[[1606780800000,19695.87,19720.0,19479.8,19565.47,4570.361518],\n"
      " [1606784400000,19565.47,19639.99,19433.15,19605.75,2702.459235]]");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1, dec_1 + hour));
  EXPECT_THAT(c.open, ElementsAre(19695.87, 19565.47));
  EXPECT_THAT(c.high, ElementsAre(19720.0, 19639.99));
  EXPECT_THAT(c.low, ElementsAre(19479.8, 19433.15));
  EXPECT_THAT(c.close, ElementsAre(19565.47, 19605.75));
  EXPECT_THAT(c.volume, ElementsAre(4570.361518, 2702.459235));
}

TEST(candle_json, ReadsBinanceKlinesWithStringsAndExtraElements) {
  const auto c =
      parse(R"([[1606780800000,"19695.87","19720.00","19479.80","19565.47","4570.361518",)"
            R"(1606784399999,"89563542.11",117645,"2223.1","43488054.6","0"]])");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
  EXPECT_THAT(c.open, ElementsAre(19695.87));
  EXPECT_THAT(c.volume, ElementsAre(4570.361518));
}

TEST(candle_json, AcceptsStringTimesIntegralFloatTimesAndBomAndWhitespace) {
  const auto c = parse(
      "\xEF\xBB\xBF \r\n[[\"1606780800000\",1,2,0.5,1.5,10],"
      "[1.6067844e12,1,2,0.5,1.5,10]]\r\n\r\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1, dec_1 + hour));
}

TEST(candle_json, UnparsableNumberNamesRowIndexAndElement) {
  const auto e =
      json_error(R"([[1606780800000,1,2,0.5,1.5,10],[1606784400000,1,2,0.5,"1.2.3",1]])");
  EXPECT_EQ(e.message, "candles.json: row index 1, element 4 \"close\": \"1.2.3\" is not a number");
  EXPECT_EQ(e.line, 0u);
  EXPECT_EQ(e.column, 5u);
}

TEST(candle_json, NonNumberElements) {
  EXPECT_EQ(json_error(R"([[1606780800000,null,2,0.5,1.5,10]])").message,
            "candles.json: row index 0, element 1 \"open\": null is not a number");
  EXPECT_EQ(json_error(R"([[1606780800000,1,2,0.5,1.5,[10]]])").message,
            "candles.json: row index 0, element 5 \"volume\": [10] is not a number");
}

TEST(candle_json, NonFiniteStrings) {
  for (const std::string value : {"NaN", "inf", "-Infinity"}) {
    EXPECT_EQ(json_error("[[1606780800000,1,\"" + value + "\",0.5,1.5,10]]").message,
              "candles.json: row index 0, element 2 \"high\": \"" + value + "\" is not finite");
  }
}

TEST(candle_json, OverflowingJsonNumber) {
  EXPECT_EQ(json_error("[[1606780800000,1,2,0.5,1.5,1e999]]").message,
            "candles.json: number overflow parsing '1e999'; candle values must be finite");
}

TEST(candle_json, BadTimes) {
  for (const std::string time :
       {"1.5", "\"2020-12-01\"", "null", "\"-\"", "18446744073709551615"}) {
    const auto e = json_error("[[" + time + ",1,2,0.5,1.5,10]]");
    EXPECT_THAT(e.message, HasSubstr("candles.json: row index 0, element 0 \"open_time\": "))
        << time;
    EXPECT_THAT(e.message, HasSubstr(" is not a whole number of epoch milliseconds")) << time;
    EXPECT_EQ(e.column, 1u);
  }
}

TEST(candle_json, UnsortedRows) {
  const auto e = json_error("[[1606784400000,1,2,0.5,1.5,10],[1606780800000,1,2,0.5,1.5,10]]");
  EXPECT_EQ(e.message,
            "candles.json: row index 1, element 0 \"open_time\": 2020-12-01T00:00:00Z is before "
            "2020-12-01T01:00:00Z of row index 0; rows must be sorted by time, oldest first");
}

TEST(candle_json, DuplicateRows) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5,10],[1606780800000,1,2,0.5,1.5,10]]");
  EXPECT_EQ(e.message,
            "candles.json: row index 1, element 0 \"open_time\": 2020-12-01T00:00:00Z repeats the "
            "time of row index 0; each time may appear only once");
}

TEST(candle_json, RowThatIsNotAnArray) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5,10],{\"t\":1}]");
  EXPECT_THAT(e.message, HasSubstr("candles.json: row index 1: expected a kline row "
                                   "[open_time_ms, open, high, low, close, volume, ...], "
                                   "found {\"t\":1}"));
}

TEST(candle_json, ShortRow) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5]]");
  EXPECT_EQ(e.message,
            "candles.json: row index 0: the row has 5 elements; a kline row has at least 6: "
            "[open_time_ms, open, high, low, close, volume, ...]");
  EXPECT_EQ(e.column, 6u);
}

TEST(candle_json, SyntaxErrorNamesLineColumnAndByte) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5,10],\n [1606784400000,1,2,0.5,1.5,10,]]");
  EXPECT_THAT(e.message, HasSubstr("candles.json:2: JSON syntax error at byte offset "));
  EXPECT_THAT(e.message, HasSubstr("byte offset 64 (column 32): syntax error while parsing value"));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 32u);
}

TEST(candle_json, SyntaxErrorOffsetCountsTheBom) {
  const auto e = json_error("\xEF\xBB\xBF[[1,x]]");
  EXPECT_THAT(e.message,
              HasSubstr("candles.json:1: JSON syntax error at byte offset 7 (column 5)"));
}

TEST(candle_json, TruncatedFile) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5,10],\n");
  EXPECT_THAT(e.message, HasSubstr("candles.json:2: JSON syntax error"));
}

TEST(candle_json, NotAnArray) {
  EXPECT_EQ(json_error(R"({"candles": []})").message,
            "candles.json: expected a JSON array of kline rows [open_time_ms, open, high, low, "
            "close, volume, ...], found a JSON object");
}

TEST(candle_json, EmptyArrayAndEmptyFile) {
  EXPECT_EQ(json_error(" [ ] ").message,
            "candles.json: the JSON array has no rows; add one kline row per candle");
  EXPECT_EQ(json_error("\n").message,
            "candles.json: the file is empty; expected a JSON array of kline rows");
}

}  // namespace
}  // namespace tb::candle_files
