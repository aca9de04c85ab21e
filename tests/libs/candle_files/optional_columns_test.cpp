// The optional columns a candle file may carry: close time, quote volume, trade count.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "candle_files/candle_file.hpp"
#include "candle_test_support.hpp"

namespace tb::candle_files {
namespace {

using test::csv_error;
using test::json_error;
using testing::ElementsAre;
using testing::IsEmpty;

constexpr std::int64_t dec_1 = 1'606'780'800'000;  // 2020-12-01T00:00:00Z

TEST(optional_columns, AbsentFromAPlainCsv) {
  const auto c = parse_candle_csv("date,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,10\n",
                                  "candles.csv");
  EXPECT_THAT(c.close_time_ms, IsEmpty());
  EXPECT_THAT(c.quote_volume, IsEmpty());
  EXPECT_THAT(c.trade_count, IsEmpty());
}

struct optional_names {
  std::string close_time, quote_volume, count;
};

class csv_optional_names : public testing::TestWithParam<optional_names> {};

TEST_P(csv_optional_names, AreKept) {
  const auto& n = GetParam();
  const auto c =
      parse_candle_csv("date,open,high,low,close,volume," + n.close_time + "," + n.quote_volume +
                           "," + n.count + "\n2020-12-01,1,2,0.5,1.5,10,1606784399999,15.5,42\n",
                       "candles.csv");
  EXPECT_THAT(c.close_time_ms, ElementsAre(dec_1 + 3'600'000 - 1));
  EXPECT_THAT(c.quote_volume, ElementsAre(15.5));
  EXPECT_THAT(c.trade_count, ElementsAre(42u));
}

INSTANTIATE_TEST_SUITE_P(
    names, csv_optional_names,
    testing::Values(optional_names{"close_time", "quote_volume", "count"},
                    optional_names{"Close Time", "quote_asset_volume", "trades"},
                    optional_names{"close_time", "Quote Volume", "number_of_trades"}));

TEST(optional_columns, CsvBadCloseTime) {
  const auto e =
      csv_error("date,open,high,low,close,volume,close_time\n2020-12-01,1,2,0.5,1.5,10,soon\n");
  EXPECT_THAT(e.message, testing::StartsWith(
                             "candles.csv:2: column 7 \"close_time\": \"soon\" is not a date"));
  EXPECT_EQ(e.column, 7u);
}

TEST(optional_columns, CsvBadQuoteVolume) {
  const auto e =
      csv_error("date,open,high,low,close,volume,quote_volume\n2020-12-01,1,2,0.5,1.5,10,\n");
  EXPECT_EQ(e.message, "candles.csv:2: column 7 \"quote_volume\": the cell is empty");
}

TEST(optional_columns, CsvNegativeTradeCount) {
  const auto e =
      csv_error("date,open,high,low,close,volume,trades\n2020-12-01,1,2,0.5,1.5,10,-3\n");
  EXPECT_EQ(e.message,
            "candles.csv:2: column 7 \"trades\": \"-3\" is not a whole number of trades");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 7u);
}

TEST(optional_columns, CsvTradeCountWrittenAsAWholeFloat) {
  // pandas writes an integer column with a missing cell as floats.
  const auto c = parse_candle_csv(
      "date,open,high,low,close,volume,trades\n2020-12-01,1,2,0.5,1.5,10,1327.0\n", "candles.csv");
  EXPECT_THAT(c.trade_count, ElementsAre(1327u));
  EXPECT_EQ(
      csv_error("date,open,high,low,close,volume,trades\n2020-12-01,1,2,0.5,1.5,10,2.5\n").message,
      "candles.csv:2: column 7 \"trades\": \"2.5\" is not a whole number of trades");
}

TEST(optional_columns, CsvTwoTradeCountColumnsAreAnError) {
  const auto e = csv_error("date,open,high,low,close,volume,count,count\n");
  EXPECT_EQ(e.message,
            "candles.csv:1: column 8 \"count\" repeats column 7 \"count\"; rename or remove one "
            "of them");
}

TEST(optional_columns, JsonBinanceRowsKeepThem) {
  const auto c = parse_candle_json(
      "[[1606780800000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1606784399999,\"15.5\",42,\"5\",\"7\","
      "\"0\"]]",
      "candles.json");
  EXPECT_THAT(c.close_time_ms, ElementsAre(dec_1 + 3'600'000 - 1));
  EXPECT_THAT(c.quote_volume, ElementsAre(15.5));
  EXPECT_THAT(c.trade_count, ElementsAre(42u));
}

TEST(optional_columns, JsonColumnsSomeRowLacksAreDropped) {
  const auto c = parse_candle_json(
      "[[1606780800000,1,2,0.5,1.5,10,1606784399999,15.5,42],"
      " [1606784400000,1,2,0.5,1.5,10,1606787999999]]",
      "candles.json");
  EXPECT_THAT(c.close_time_ms, ElementsAre(dec_1 + 3'600'000 - 1, dec_1 + 7'200'000 - 1));
  EXPECT_THAT(c.quote_volume, IsEmpty());
  EXPECT_THAT(c.trade_count, IsEmpty());
}

TEST(optional_columns, JsonBadTradeCount) {
  const auto e = json_error("[[1606780800000,1,2,0.5,1.5,10,1606784399999,15.5,4.5]]");
  EXPECT_EQ(e.message,
            "candles.json: row index 0, element 8 \"count\": 4.5 is not a whole number of trades");
  EXPECT_EQ(e.column, 9u);
}

}  // namespace
}  // namespace tb::candle_files
