// `tradingbot download` against the fake Binance on 127.0.0.1, through the built
// exchange_binance plugin: a full download of the configuration's universe, a re-run that
// fetches nothing, a torn file resumed to the bytes of a clean download, a file of another
// symbol, an unknown symbol, a rate limit, and bad arguments.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "fake_process.hpp"
#include "process.hpp"

namespace {

namespace fs = std::filesystem;
using tb::binance::testing::fake_process;
using tb::test::shell_quoted;

const std::string executable = TB_EXECUTABLE;
const std::string plugin_dir = TB_EXCHANGE_PLUGIN_DIR;

// 2024-01-01 00:00 to 2024-01-03 12:00: 3,600 1m candles a symbol, three pages of 1500.
const std::string period = " --interval 1m --start 2024-01-01 --end 2024-01-03T12:00";

std::string config_for(const tb::test::temp_dir& dir, const fake_process& fake) {
  return dir.write("bot.yaml",
                   "mode: paper\nstate_dir: state\nplugins:\n  load:\n"
                   "    - name: exchange_binance\n      settings: {rest_url: \"" +
                       fake.rest_url() + "\", ws_url: \"" + fake.ws_url() +
                       "\"}\ndata:\n  universe:\n    include: [BTCUSDT, ETHUSDT]\n")
      .string();
}

tb::test::process_result download(const std::string& config, const fs::path& out,
                                  const std::string& extra = "") {
  return tb::test::run_command(shell_quoted(executable) + " download --config " +
                               shell_quoted(config) + " --out " + shell_quoted(out) +
                               " --plugin-dir " + shell_quoted(plugin_dir) + period + extra);
}

bool has(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class download_cli : public ::testing::Test {
 protected:
  fake_process fake_{{"--symbols", "5", "--seed", "7"}};
  tb::test::temp_dir dir_;
  std::string config_ = config_for(dir_, fake_);
};

TEST_F(download_cli, downloads_the_universe_and_a_rerun_fetches_nothing) {
  const fs::path out = dir_.path() / "data";
  const auto result = download(config_, out);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* symbol : {"BTCUSDT", "ETHUSDT"}) {
    EXPECT_TRUE(has(result.output, std::string(symbol) +
                                       " 1m: 3 600 candles, 2024-01-01 -> 2024-01-03 11:59, "
                                       "3 requests"))
        << result.output;
    const std::string text = tb::test::read_file(out / (std::string(symbol) + "-1m.csv"));
    EXPECT_EQ(line_count(text), 3601u);
    EXPECT_TRUE(text.starts_with(
        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
        "taker_buy_quote_volume,ignore\n1704067200000,"))
        << text.substr(0, 200);
    EXPECT_TRUE(has(text, "\n1704283140000,")) << "the last candle, 2024-01-03 11:59";
  }
  EXPECT_EQ(fake_.requests("/fapi/v1/klines").size(), 6u);
  EXPECT_FALSE(fs::exists(out / "BNBUSDT-1m.csv"));

  const std::string before = tb::test::read_file(out / "BTCUSDT-1m.csv");
  const auto again = download(config_, out);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_TRUE(has(again.output, "BTCUSDT 1m: 3 600 candles (0 new), 2024-01-01 -> 2024-01-03 "
                                "11:59, 0 requests"))
      << again.output;
  EXPECT_EQ(fake_.requests("/fapi/v1/klines").size(), 6u);
  EXPECT_EQ(tb::test::read_file(out / "BTCUSDT-1m.csv"), before);
}

TEST_F(download_cli, a_file_torn_mid_line_resumes_to_the_bytes_of_a_clean_download) {
  const fs::path clean = dir_.path() / "clean";
  ASSERT_EQ(download(config_, clean, " --symbols BTCUSDT").exit_code, 0);
  const std::string expected = tb::test::read_file(clean / "BTCUSDT-1m.csv");

  // An interrupted run: two pages and part of a line on disk.
  const fs::path torn = dir_.path() / "torn";
  fs::create_directories(torn);
  const auto cut = expected.find('\n', expected.size() * 2 / 3) + 40;
  std::ofstream(torn / "BTCUSDT-1m.csv", std::ios::binary) << expected.substr(0, cut);

  const auto resumed = download(config_, torn, " --symbols BTCUSDT");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_TRUE(has(resumed.output, "cut a torn last line off")) << resumed.output;
  EXPECT_TRUE(has(resumed.output, "BTCUSDT 1m: 3 600 candles (")) << resumed.output;
  EXPECT_EQ(tb::test::read_file(torn / "BTCUSDT-1m.csv"), expected);
}

TEST_F(download_cli, an_unknown_symbol_fails_alone_and_the_exit_code_says_so) {
  const fs::path out = dir_.path() / "data";
  const auto result = download(config_, out, " --symbols NOSUCHUSDT,BTCUSDT");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(has(result.output, "error: NOSUCHUSDT 1m: unknown symbol")) << result.output;
  EXPECT_TRUE(has(result.output, "BTCUSDT 1m: 3 600 candles")) << result.output;
  EXPECT_TRUE(has(result.output, "1 of 2 symbols failed")) << result.output;
  EXPECT_FALSE(fs::exists(out / "NOSUCHUSDT-1m.csv"));
}

TEST_F(download_cli, a_file_of_another_symbol_is_refused_and_kept) {
  const fs::path out = dir_.path() / "data";
  ASSERT_EQ(download(config_, out, " --symbols ETHUSDT").exit_code, 0);
  fs::copy_file(out / "ETHUSDT-1m.csv", out / "BTCUSDT-1m.csv");
  std::string shorter = tb::test::read_file(out / "BTCUSDT-1m.csv");
  shorter.resize(shorter.rfind('\n', shorter.size() - 2) + 1);  // one candle short of the end
  std::ofstream(out / "BTCUSDT-1m.csv", std::ios::binary | std::ios::trunc) << shorter;

  const auto result = download(config_, out, " --symbols BTCUSDT");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(has(result.output, "BTCUSDT-1m.csv: its last candle (2024-01-03 11:58) is not "
                                 "BTCUSDT's 1m candle"))
      << result.output;
  EXPECT_EQ(tb::test::read_file(out / "BTCUSDT-1m.csv"), shorter);
}

// 25 weight a minute: two pages of 1500 (10 each) pass, the third is refused with a 429.
TEST(download_limits, a_rate_limit_fails_the_symbol_and_keeps_the_pages_written) {
  fake_process fake({"--symbols", "5", "--seed", "7", "--weight-limit", "25"});
  tb::test::temp_dir dir;
  const fs::path out = dir.path() / "data";
  const auto result = download(config_for(dir, fake), out, " --symbols BTCUSDT");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(has(result.output, "error: BTCUSDT 1m: rate limited; run again later to resume"))
      << result.output;
  EXPECT_TRUE(has(result.output, "(3 000 candles in ")) << result.output;
  EXPECT_EQ(line_count(tb::test::read_file(out / "BTCUSDT-1m.csv")), 3001u);
}

TEST(download_arguments, bad_dates_or_intervals_are_exit_2) {
  tb::test::temp_dir dir;
  const auto config = dir.write("bot.yaml", "mode: paper\n").string();
  const std::string base = shell_quoted(executable) + " download --config " +
                           shell_quoted(config) + " --out " + shell_quoted(dir.path() / "d");
  const auto reversed = tb::test::run_command(base + " --start 2024-02-01 --end 2024-01-01");
  EXPECT_EQ(reversed.exit_code, 2) << reversed.output;
  EXPECT_TRUE(has(reversed.output, "--start must be before --end")) << reversed.output;
  const auto bad_date = tb::test::run_command(base + " --start 2024-01-01 --end tomorrow");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_TRUE(has(bad_date.output, "--end \"tomorrow\" is not a UTC date")) << bad_date.output;
  const auto bad_interval =
      tb::test::run_command(base + " --interval 7m --start 2024-01-01 --end 2024-01-02");
  EXPECT_EQ(bad_interval.exit_code, 2);
  EXPECT_TRUE(has(bad_interval.output, "--interval \"7m\"")) << bad_interval.output;
}

}  // namespace
