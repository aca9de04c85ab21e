#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "candle_files/candle_file.hpp"
#include "candle_test_support.hpp"

namespace tb::candle_files {
namespace {

using test::csv_error;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr std::int64_t dec_1 = 1'606'780'800'000;  // 2020-12-01T00:00:00Z
constexpr std::int64_t hour = 3'600'000;

candle_columns parse(const std::string& text) { return parse_candle_csv(text, "candles.csv"); }

TEST(candle_csv, ReadsColumnsInAnyCaseAndOrderIgnoringExtras) {
  const auto c = parse(
      "Volume,CLOSE,note,Date,High,low,Open\n"
      "10,1.5,x,2020-12-01,2,0.5,1\n"
      "20,2.5,y,2020-12-01T01:00:00Z,3,1.5,2\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1, dec_1 + hour));
  EXPECT_THAT(c.open, ElementsAre(1, 2));
  EXPECT_THAT(c.high, ElementsAre(2, 3));
  EXPECT_THAT(c.low, ElementsAre(0.5, 1.5));
  EXPECT_THAT(c.close, ElementsAre(1.5, 2.5));
  EXPECT_THAT(c.volume, ElementsAre(10, 20));
  EXPECT_EQ(c.size(), 2u);
}

class csv_time_column : public testing::TestWithParam<std::string> {};

TEST_P(csv_time_column, IsRecognised) {
  const auto c = parse(GetParam() + ",open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,10\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
}

INSTANTIATE_TEST_SUITE_P(names, csv_time_column,
                         testing::Values("date", "Date", "time", "datetime", "date_time",
                                         "timestamp", "open_time", "Open time", "Gmt time",
                                         "\"Date\"", " DATE ", "\" Date \"", "<DATE>"));

TEST(candle_csv, PrefersOpenTimeOverOtherTimeColumns) {
  const auto c = parse(
      "date,open_time,open,high,low,close,volume,close_time\n"
      "2000-01-01,1606780800000,1,2,0.5,1.5,10,1606784399999\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
}

TEST(candle_csv, JoinsSeparateDateAndTimeColumns) {
  const auto c = parse(
      "Date,Time,Open,High,Low,Close,Volume\n"
      "2020.12.01,00:00,1,2,0.5,1.5,10\n"
      "2020.12.01,01:00,1,2,0.5,1.5,10\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1, dec_1 + hour));
}

TEST(candle_csv, TakesAnUnnamedFirstColumnAsTheTime) {
  // DataFrame.to_csv() with an unnamed DatetimeIndex.
  const auto c = parse(",open,high,low,close,volume\n2020-12-01 00:00:00+00:00,1,2,0.5,1.5,10\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
}

TEST(candle_csv, ReadsEveryDateForm) {
  const auto c = parse(
      "date,open,high,low,close,volume\n"
      "2020-12-01,1,1,1,1,1\n"
      "2020-12-01T01:00:00Z,1,1,1,1,1\n"
      "2020-12-01 02:00:00.000,1,1,1,1,1\n"
      "2020-12-01T05:00:00+02:00,1,1,1,1,1\n"
      "2020.12.01 04:00:00,1,1,1,1,1\n"
      "01.12.2020 05:00:00.000,1,1,1,1,1\n"
      "1606802400000,1,1,1,1,1\n"
      "1606806000,1,1,1,1,1\n");
  EXPECT_THAT(c.time_ms,
              ElementsAre(dec_1, dec_1 + hour, dec_1 + 2 * hour, dec_1 + 3 * hour, dec_1 + 4 * hour,
                          dec_1 + 5 * hour, dec_1 + 6 * hour, dec_1 + 7 * hour));
}

TEST(candle_csv, HandlesBomCrlfQuotesAndBlankLines) {
  const auto c = parse(
      "\xEF\xBB\xBF\"date\",\"open\",high,low,close,volume\r\n"
      "\"2020-12-01\", \"1.5\" ,2,0.5,1.5,\"10\"\r\n"
      "\r\n"
      "   \r\n"
      "2020-12-01T01:00:00Z,2,3,1,2,20\r\n"
      "\r\n\r\n");
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1, dec_1 + hour));
  EXPECT_THAT(c.open, ElementsAre(1.5, 2));
  EXPECT_THAT(c.volume, ElementsAre(10, 20));
}

TEST(candle_csv, ReadsQuotedFieldsWithDelimitersQuotesAndLineEnds) {
  const auto c = parse(
      "date,note,open,high,low,close,volume\n"
      "2020-12-01,\"a, \"\"quoted\"\"\nnote\",1,2,0.5,1.5,10\n"
      "2020-12-01T01:00:00Z,plain,1,2,0.5,1.5,10\n");
  EXPECT_EQ(c.size(), 2u);
}

TEST(candle_csv, AcceptsOldMacLineEnds) {
  const auto c = parse("date,open,high,low,close,volume\r2020-12-01,1,2,0.5,1.5,10\r");
  EXPECT_THAT(c.close, ElementsAre(1.5));
}

TEST(candle_csv, DetectsTabAndSemicolonDelimiters) {
  EXPECT_THAT(parse("date\topen\thigh\tlow\tclose\tvolume\n2020-12-01\t1\t2\t0.5\t1.5\t10\n").close,
              ElementsAre(1.5));
  EXPECT_THAT(parse("date;open;high;low;close;volume\n2020-12-01;1;2;0.5;1.5;10\n").close.size(),
              1u);
}

TEST(candle_csv, ReadsNumbersAsPythonFloatDoes) {
  const auto c = parse(
      "date,open,high,low,close,volume\n"
      "2020-12-01,+1,.5,-0.25,1e3,1E-3\n");
  EXPECT_THAT(c.open, ElementsAre(1));
  EXPECT_THAT(c.high, ElementsAre(0.5));
  EXPECT_THAT(c.low, ElementsAre(-0.25));
  EXPECT_THAT(c.close, ElementsAre(1000));
  EXPECT_THAT(c.volume, ElementsAre(0.001));
}

TEST(candle_csv, ReadsAnUnderflowingNumberAsZero) {
  EXPECT_THAT(parse("date,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,1e-400\n").volume,
              ElementsAre(0.0));
}

// Errors: each names the file, the line and the column.

TEST(candle_csv_errors, UnparsableNumber) {
  const auto e = csv_error(
      "date,open,high,low,close,volume\n"
      "2020-12-01,1,2,0.5,1.5,10\n"
      "2020-12-01T01:00:00Z,1,2,0.5,1.2.3,10\n");
  EXPECT_EQ(e.message, "candles.csv:3: column 5 \"close\": \"1.2.3\" is not a number");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 5u);
}

TEST(candle_csv_errors, LineNumbersCountBlankLinesAndQuotedLineEnds) {
  const auto e = csv_error(
      "\n"
      "date,note,open,high,low,close,volume\r\n"
      "\r\n"
      "2020-12-01,\"two\nlines\",1,2,0.5,1.5,10\r\n"
      "2020-12-01T01:00:00Z,x,1,2,0.5,1.5,ten\r\n");
  EXPECT_EQ(e.message, "candles.csv:6: column 7 \"volume\": \"ten\" is not a number");
  EXPECT_EQ(e.line, 6u);
  EXPECT_EQ(e.column, 7u);
}

TEST(candle_csv_errors, EmptyCell) {
  const auto e = csv_error("date,open,high,low,close,volume\n2020-12-01,1,,0.5,1.5,10\n");
  EXPECT_EQ(e.message, "candles.csv:2: column 3 \"high\": the cell is empty");
  EXPECT_EQ(e.column, 3u);
}

class csv_non_finite : public testing::TestWithParam<std::string> {};

TEST_P(csv_non_finite, IsRejected) {
  const auto e =
      csv_error("date,open,high,low,close,volume\n2020-12-01,1,2,0.5," + GetParam() + ",10\n");
  EXPECT_EQ(e.message, "candles.csv:2: column 5 \"close\": \"" + GetParam() + "\" is not finite");
}

INSTANTIATE_TEST_SUITE_P(values, csv_non_finite,
                         testing::Values("nan", "NaN", "inf", "-inf", "Infinity", "1e999"));

TEST(candle_csv_errors, TwoSignsAreNotANumber) {
  EXPECT_THAT(csv_error("date,open,high,low,close,volume\n2020-12-01,+-1,2,0.5,1.5,10\n").message,
              HasSubstr("column 2 \"open\": \"+-1\" is not a number"));
}

TEST(candle_csv_errors, HexIsNotANumber) {
  EXPECT_THAT(csv_error("date,open,high,low,close,volume\n2020-12-01,0x1p3,2,0.5,1.5,10\n").message,
              HasSubstr("column 2 \"open\": \"0x1p3\" is not a number"));
}

TEST(candle_csv_errors, UnparsableDate) {
  const auto e = csv_error("Date,open,high,low,close,volume\n2020-13-01,1,2,0.5,1.5,10\n");
  EXPECT_THAT(e.message, HasSubstr("candles.csv:2: column 1 \"Date\": \"2020-13-01\" is not a "
                                   "date; write dates as ISO 8601"));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 1u);
}

TEST(candle_csv_errors, UnparsableJoinedDateAndTime) {
  const auto e =
      csv_error("open,Date,Time,high,low,close,volume\n1,2020.12.01,25:00,2,0.5,1.5,1\n");
  EXPECT_THAT(e.message, HasSubstr("candles.csv:2: columns 2 \"Date\" and 3 \"Time\": "
                                   "\"2020.12.01 25:00\" is not a date"));
  EXPECT_EQ(e.column, 2u);
}

TEST(candle_csv_errors, UnsortedTimes) {
  const auto e = csv_error(
      "date,open,high,low,close,volume\n"
      "2020-12-01T01:00:00Z,1,2,0.5,1.5,10\n"
      "2020-12-01T00:00:00Z,1,2,0.5,1.5,10\n");
  EXPECT_EQ(e.message,
            "candles.csv:3: column 1 \"date\": 2020-12-01T00:00:00Z is before "
            "2020-12-01T01:00:00Z on line 2; rows must be sorted by time, oldest first");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 1u);
}

TEST(candle_csv_errors, DuplicateTimes) {
  const auto e = csv_error(
      "date,open,high,low,close,volume\n"
      "2020-12-01,1,2,0.5,1.5,10\n"
      "\n"
      "2020-12-01T00:00:00Z,1,2,0.5,1.5,10\n");
  EXPECT_EQ(e.message,
            "candles.csv:4: column 1 \"date\": 2020-12-01T00:00:00Z repeats the time on line 2; "
            "each time may appear only once");
  EXPECT_EQ(e.line, 4u);
}

class csv_missing_column : public testing::TestWithParam<std::string> {};

TEST_P(csv_missing_column, NamesTheColumn) {
  const std::string name = GetParam();
  std::string header = "date";
  for (const char* column : {"open", "high", "low", "close", "volume"}) {
    if (column != name) header += std::string(",") + column;
  }
  const auto e = csv_error(header + "\n1,2,3,4,5\n");
  EXPECT_THAT(e.message, HasSubstr("candles.csv:1: no \"" + name + "\" column (the header has: "));
  EXPECT_THAT(e.message, HasSubstr("needs date/time, open, high, low, close and volume"));
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 0u);
}

INSTANTIATE_TEST_SUITE_P(columns, csv_missing_column,
                         testing::Values("open", "high", "low", "close", "volume"));

TEST(candle_csv_errors, MissingHeader) {
  const auto e = csv_error("1606780800000,1,2,0.5,1.5,10,1606784399999\n");
  EXPECT_EQ(e.message,
            "candles.csv:1: the first line is data, not a header; add a header line naming the "
            "columns, e.g. open_time,open,high,low,close,volume");
  EXPECT_EQ(e.line, 1u);
}

TEST(candle_csv_errors, MissingTimeColumn) {
  const auto e = csv_error("when,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,10\n");
  EXPECT_THAT(e.message, HasSubstr("candles.csv:1: no date/time column (the header has: when, "
                                   "open, high, low, close, volume); name it date, time"));
}

TEST(candle_csv_errors, RepeatedColumn) {
  const auto e = csv_error("date,open,high,low,close,Close,volume\n");
  EXPECT_EQ(e.message,
            "candles.csv:1: column 6 \"Close\" repeats column 5 \"close\"; rename or remove one "
            "of them");
  EXPECT_EQ(e.column, 6u);
}

TEST(candle_csv_errors, EmptyFile) {
  for (const std::string text : {"", "\n\n", "  \r\n", "\xEF\xBB\xBF"}) {
    const auto e = csv_error(text);
    EXPECT_EQ(e.message, "candles.csv: the file is empty; expected a CSV header and candles");
    EXPECT_EQ(e.line, 0u);
  }
}

TEST(candle_csv_errors, HeaderWithoutRows) {
  const auto e = csv_error("\ndate,open,high,low,close,volume\n\n");
  EXPECT_EQ(e.message, "candles.csv:2: no candles after the header; add one row per candle");
  EXPECT_EQ(e.line, 2u);
}

TEST(candle_csv_errors, ShortRow) {
  const auto e = csv_error("date,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5\n");
  EXPECT_EQ(e.message, "candles.csv:2: the row has 5 fields but the header (line 1) has 6");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 6u);
}

TEST(candle_csv_errors, LongRow) {
  const auto e = csv_error("date,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,10,99\n");
  EXPECT_EQ(e.message, "candles.csv:2: the row has 7 fields but the header (line 1) has 6");
  EXPECT_EQ(e.column, 7u);
}

TEST(candle_csv_errors, UnclosedQuote) {
  const auto e = csv_error("date,open,high,low,close,volume\n2020-12-01,\"1,2,0.5,1.5,10\n");
  EXPECT_EQ(e.message,
            "candles.csv:2: field 2: the quoted field is never closed; add the closing '\"'");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 2u);
}

TEST(candle_csv_errors, TextAfterClosingQuote) {
  const auto e = csv_error("date,open,high,low,close,volume\n2020-12-01,\"1\"x,2,0.5,1.5,10\n");
  EXPECT_THAT(e.message,
              HasSubstr("candles.csv:2: field 2: unexpected 'x' after the closing quote"));
  EXPECT_EQ(e.column, 2u);
}

}  // namespace
}  // namespace tb::candle_files
