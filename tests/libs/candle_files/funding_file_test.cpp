// Funding-rate CSV: Binance archive fundingRate files and simple time,rate files.
#include "candle_files/funding_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "candle_test_support.hpp"
#include "temp_dir.hpp"

namespace tb::candle_files {
namespace {

using test::error_of;
using testing::ElementsAre;

constexpr std::int64_t jan_1 = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t eight_hours = 8 * 3'600'000;

std::vector<funding_point> parse(const std::string& text) {
  return parse_funding_csv(text, "funding.csv");
}

test::caught_error parse_error(const std::string& text) {
  return error_of([&] { parse(text); });
}

TEST(funding_csv, BinanceArchiveFile) {
  const auto f = parse(
      "calc_time,funding_interval_hours,last_funding_rate\n"
      "1704067200000,8,0.00037409\n"
      "1704096000000,8,-0.0001\n");
  EXPECT_THAT(f, ElementsAre(funding_point{jan_1, 0.00037409},
                             funding_point{jan_1 + eight_hours, -0.0001}));
}

TEST(funding_csv, SimpleTimeRateWithDates) {
  const auto f = parse("Time,Rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01 08:00,0.0002\n");
  EXPECT_THAT(
      f, ElementsAre(funding_point{jan_1, 0.0001}, funding_point{jan_1 + eight_hours, 0.0002}));
}

TEST(funding_csv, HeaderIsRequired) {
  const auto e = parse_error("1704067200000,0.0001\n");
  EXPECT_EQ(e.message,
            "funding.csv:1: the first line is data, not a header; add a header line naming the "
            "columns, e.g. time,rate");
  EXPECT_EQ(e.line, 1u);
}

TEST(funding_csv, MissingRateColumn) {
  const auto e = parse_error("time,value\n1704067200000,0.0001\n");
  EXPECT_EQ(e.message,
            "funding.csv:1: no rate column (the header has: time, value); a funding CSV needs a "
            "header like time,rate or Binance's calc_time,funding_interval_hours,"
            "last_funding_rate");
}

TEST(funding_csv, BadRate) {
  const auto e = parse_error("time,rate\n1704067200000,0.0001\n1704096000000,high\n");
  EXPECT_EQ(e.message, "funding.csv:3: column 2 \"rate\": \"high\" is not a number");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 2u);
}

TEST(funding_csv, BadTime) {
  const auto e = parse_error("time,rate\nyesterday,0.0001\n");
  EXPECT_THAT(e.message,
              testing::StartsWith("funding.csv:2: column 1 \"time\": \"yesterday\" is not a date"));
  EXPECT_EQ(e.column, 1u);
}

TEST(funding_csv, TimesMustIncrease) {
  const auto e = parse_error("time,rate\n1704096000000,0.0001\n1704067200000,0.0002\n");
  EXPECT_EQ(e.message,
            "funding.csv:3: column 1 \"time\": 2024-01-01T00:00:00Z is before "
            "2024-01-01T08:00:00Z on line 2; rows must be sorted by time, oldest first");
}

TEST(funding_csv, EmptyAndHeaderOnly) {
  EXPECT_EQ(parse_error("").message,
            "funding.csv: the file is empty; expected a CSV header and funding rates");
  EXPECT_EQ(parse_error("time,rate\n").message,
            "funding.csv:1: no funding rates after the header; add one row per settlement");
}

TEST(funding_files, JoinsMonthlyFilesAndRejectsDisagreement) {
  const tb::test::temp_dir dir;
  const auto jan = dir.write("BTCUSDT-fundingRate-2024-01.csv",
                             "calc_time,funding_interval_hours,last_funding_rate\n"
                             "1704067200000,8,0.0001\n1704096000000,8,0.0002\n");
  const auto feb = dir.write("BTCUSDT-fundingRate-2024-02.csv",
                             "calc_time,funding_interval_hours,last_funding_rate\n"
                             "1704096000000,8,0.0002\n1704124800000,8,0.0003\n");
  EXPECT_THAT(read_funding_files({jan, feb}),
              ElementsAre(funding_point{jan_1, 0.0001}, funding_point{jan_1 + eight_hours, 0.0002},
                          funding_point{jan_1 + 2 * eight_hours, 0.0003}));
  const auto other = dir.write("other.csv", "time,rate\n1704096000000,0.0005\n");
  EXPECT_EQ(error_of([&] {
              read_funding_files({jan, other});
            }).message,
            other.string() + ": the funding rate at 2024-01-01T08:00:00Z differs from the one in " +
                jan.string() + "; the files overlap and disagree, remove one of them");
}

}  // namespace
}  // namespace tb::candle_files
