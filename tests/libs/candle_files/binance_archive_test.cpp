// Binance's data archive (data.binance.vision) kline CSV: 12 columns with a header (newer
// files) or without one (older files), times in milliseconds or microseconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "candle_files/candle_file.hpp"
#include "candle_test_support.hpp"

namespace tb::candle_files {
namespace {

using test::csv_error;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr std::int64_t jan_1 = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t minute = 60'000;

const std::string header =
    "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
    "taker_buy_quote_volume,ignore\n";
const std::string rows =
    "1704067200000,42283.58,42298.62,42261.02,42298.61,35.92724,1704067259999,1519451.99,1327,"
    "20.1,850000.1,0\n"
    "1704067260000,42298.62,42320.00,42298.61,42320.00,21.2,1704067319999,897000.5,901,10.0,"
    "423000.0,0\n";

candle_columns parse(const std::string& text) { return parse_candle_csv(text, "candles.csv"); }

void expect_archive_rows(const candle_columns& c) {
  EXPECT_THAT(c.time_ms, ElementsAre(jan_1, jan_1 + minute));
  EXPECT_THAT(c.open, ElementsAre(42283.58, 42298.62));
  EXPECT_THAT(c.close, ElementsAre(42298.61, 42320.00));
  EXPECT_THAT(c.volume, ElementsAre(35.92724, 21.2));
  EXPECT_THAT(c.close_time_ms, ElementsAre(jan_1 + minute - 1, jan_1 + 2 * minute - 1));
  EXPECT_THAT(c.quote_volume, ElementsAre(1519451.99, 897000.5));
  EXPECT_THAT(c.trade_count, ElementsAre(1327u, 901u));
}

TEST(binance_archive_csv, WithItsHeader) { expect_archive_rows(parse(header + rows)); }

TEST(binance_archive_csv, WithoutAHeaderIsReadByPosition) { expect_archive_rows(parse(rows)); }

TEST(binance_archive_csv, MicrosecondTimesBecomeMilliseconds) {
  const auto c = parse(
      "1735689600000000,1,2,0.5,1.5,10,1735689659999999,15,3,5,7.5,0\n"
      "1735689660000000,1.5,2,1,1.75,4,1735689719999999,7,2,2,3.5,0\n");
  EXPECT_THAT(c.time_ms, ElementsAre(1'735'689'600'000, 1'735'689'660'000));
  EXPECT_THAT(c.close_time_ms, ElementsAre(1'735'689'659'999, 1'735'689'719'999));
}

TEST(binance_archive_csv, HeaderlessRowOfTheWrongWidth) {
  const auto e = csv_error(rows + "1704067320000,1,2,0.5,1.5,10,1704067379999,15,3,5,7.5\n");
  EXPECT_EQ(e.message,
            "candles.csv:3: the row has 11 fields but Binance's headerless kline layout has 12");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 12u);
}

TEST(binance_archive_csv, HeaderlessBadCellNamesTheColumnByItsPosition) {
  const auto e = csv_error(rows + "1704067320000,1,2,0.5,1.5,10,1704067379999,15,x,5,7.5,0\n");
  EXPECT_EQ(e.message, "candles.csv:3: column 9 \"count\": \"x\" is not a whole number of trades");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 9u);
}

TEST(binance_archive_csv, AFirstLineOfDataThatIsNotTheArchiveLayoutStillNeedsAHeader) {
  // 12 fields, one of them not a number: not Binance's layout.
  const auto e = csv_error("1704067200000,1,2,0.5,1.5,10,1704067259999,15,3,5,7.5,x\n");
  EXPECT_THAT(e.message, HasSubstr("candles.csv:1: the first line is data, not a header"));
  EXPECT_EQ(e.line, 1u);
}

}  // namespace
}  // namespace tb::candle_files
