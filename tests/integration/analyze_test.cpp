// `tradingbot analyze` end to end: the real executable, the real strategy_ictsmc plugin found
// in the build tree's plugin directory, candle files written to a temporary directory, and
// results small enough to work out by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "process.hpp"

namespace fs = std::filesystem;
using tb::test::run_command;
using tb::test::shell_quoted;

namespace {

const std::string executable = TB_EXECUTABLE;
const fs::path fixtures = TB_FIXTURE_PLUGIN_DIR;

#define EXPECT_CONTAINS(text, needle) \
  EXPECT_NE((text).find(needle), std::string::npos) << "expected \"" << (needle) << "\" in:\n" << (text)

// Five hourly candles. Candle 1 is bullish and leaves a gap between candle 0's high (11) and
// candle 2's low (12): a bullish fair-value gap, top 12, bottom 11, filled by candle 3 (low
// 11.5 <= 12). No other candle has a gap.
//   With swing_length=1 a candle is a swing high when its high is at least the next one's
// (candles 2 and 3), a swing low when its low is at most the next one's (candle 1). Of the
// two highs in a row the lower (3) is dropped; then the first and last candles get the
// opposite of the first and last swings: 0 a high (11), 4 a low (10).
const char* const candles_csv =
    "Date,Open,High,Low,Close,Volume\n"
    "2024-01-01 00:00:00,10,11,9,10.5,100\n"
    "2024-01-01 01:00:00,10.5,14,10.5,13.5,120\n"
    "2024-01-01 02:00:00,13.5,15,12,14.5,90\n"
    "2024-01-01 03:00:00,14.5,14.8,11.5,12,80\n"
    "2024-01-01 04:00:00,12,12.5,10,11,70\n";

// The same candles as Binance klines: open time, then prices and volume as strings.
const char* const candles_json =
    "[[1704067200000,\"10\",\"11\",\"9\",\"10.5\",\"100\",1704070799999],\n"
    " [1704070800000,\"10.5\",\"14\",\"10.5\",\"13.5\",\"120\",1704074399999],\n"
    " [1704074400000,\"13.5\",\"15\",\"12\",\"14.5\",\"90\",1704077999999],\n"
    " [1704078000000,\"14.5\",\"14.8\",\"11.5\",\"12\",\"80\",1704081599999],\n"
    " [1704081600000,\"12\",\"12.5\",\"10\",\"11\",\"70\",1704085199999]]\n";

const char* const fvg_csv =
    "FVG,Top,Bottom,MitigatedIndex\n"
    ",,,\n"
    "1.0,12.0,11.0,3.0\n"
    ",,,\n"
    ",,,\n"
    ",,,\n";

const char* const swings_csv =
    "HighLow,Level\n"
    "1.0,11.0\n"
    "-1.0,10.5\n"
    "1.0,15.0\n"
    ",\n"
    "-1.0,10.0\n";

class analyze : public ::testing::Test {
 protected:
  tb::test::process_result run(const std::string& arguments) {
    return run_command(shell_quoted(executable) + " analyze " + arguments);
  }
  std::string candles(const fs::path& file) { return "--candles " + shell_quoted(file); }
  std::string ictsmc() { return "--strategy strategy_ictsmc "; }

  tb::test::temp_dir dir_;
};

TEST_F(analyze, computes_fvg_over_a_csv_file_and_prints_csv) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, fvg_csv);
}

TEST_F(analyze, computes_swings_over_a_json_kline_file_with_a_parameter) {
  const fs::path file = dir_.write("klines.json", candles_json);
  const auto result =
      run(ictsmc() + candles(file) + " --indicator swing_highs_lows --param swing_length=1");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, swings_csv);
}

TEST_F(analyze, out_writes_the_csv_to_a_file_and_nothing_to_standard_output) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const fs::path out = dir_.path() / "fvg.csv";
  const auto result =
      run(ictsmc() + candles(file) + " --indicator fvg --out " + shell_quoted(out));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(tb::test::read_file(out), fvg_csv);
}

TEST_F(analyze, an_unparsable_number_names_its_line_and_column) {
  const fs::path file = dir_.write(
      "bad_number.csv",
      "Date,Open,High,Low,Close,Volume\n"
      "2024-01-01 00:00:00,10,11,9,10.5,100\n"
      "2024-01-01 01:00:00,10.5,14,10.5,1.3.5,120\n");
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "bad_number.csv:3");
  EXPECT_CONTAINS(result.output, "column 5");
  EXPECT_CONTAINS(result.output, "1.3.5");
}

TEST_F(analyze, an_unparsable_date_names_its_line) {
  const fs::path file = dir_.write(
      "bad_date.csv",
      "Date,Open,High,Low,Close,Volume\n"
      "2024-01-01 00:00:00,10,11,9,10.5,100\n"
      "2024-01-01 01:00:00,10.5,14,10.5,13.5,120\n"
      "yesterday,13.5,15,12,14.5,90\n");
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "bad_date.csv:4");
  EXPECT_CONTAINS(result.output, "column 1");
  EXPECT_CONTAINS(result.output, "yesterday");
}

TEST_F(analyze, a_missing_column_is_named) {
  const fs::path file = dir_.write("no_volume.csv",
                                   "Date,Open,High,Low,Close\n"
                                   "2024-01-01 00:00:00,10,11,9,10.5\n");
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "volume");
}

TEST_F(analyze, times_out_of_order_are_refused) {
  const fs::path file = dir_.write("unsorted.csv",
                                   "Date,Open,High,Low,Close,Volume\n"
                                   "2024-01-01 01:00:00,10,11,9,10.5,100\n"
                                   "2024-01-01 00:00:00,10.5,14,10.5,13.5,120\n");
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "unsorted.csv:3");
}

TEST_F(analyze, an_unknown_indicator_is_refused_with_the_known_ones) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto result = run(ictsmc() + candles(file) + " --indicator nope");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "unknown indicator \"nope\"");
  EXPECT_CONTAINS(result.output, "swing_highs_lows");
}

TEST_F(analyze, an_unknown_parameter_is_refused_with_the_ones_it_takes) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto result = run(ictsmc() + candles(file) + " --indicator fvg --param bogus=1");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "has no parameter bogus");
  EXPECT_CONTAINS(result.output, "join_consecutive");
}

TEST_F(analyze, a_bad_parameter_value_or_form_is_refused) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto value =
      run(ictsmc() + candles(file) + " --indicator swing_highs_lows --param swing_length=five");
  EXPECT_EQ(value.exit_code, 2) << value.output;
  EXPECT_CONTAINS(value.output, "swing_length");
  const auto form = run(ictsmc() + candles(file) + " --indicator fvg --param join_consecutive");
  EXPECT_EQ(form.exit_code, 2) << form.output;
  EXPECT_CONTAINS(form.output, "expected key=value");
}

TEST_F(analyze, a_missing_candle_file_is_named) {
  const fs::path missing = dir_.path() / "missing.csv";
  const auto result = run(ictsmc() + candles(missing) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, missing.string());
}

TEST_F(analyze, a_plugin_without_the_indicators_interface_is_refused_clearly) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto result = run("--strategy good_strategy --plugin-dir " + shell_quoted(fixtures) + " " +
                          candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "offers no indicators");
  EXPECT_CONTAINS(result.output, "tb.indicators/1");
}

TEST_F(analyze, a_missing_plugin_is_refused_with_the_directories_searched) {
  const fs::path file = dir_.write("candles.csv", candles_csv);
  const auto result = run("--strategy no_such_plugin " + candles(file) + " --indicator fvg");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_CONTAINS(result.output, "no_such_plugin");
  EXPECT_CONTAINS(result.output, "lib/tradingbot/plugins");
}

}  // namespace
