// file_feed over files written to a fresh temporary directory: each layout, ranges answered
// by binary search, filters from symbols.json or inferred, funding, and the errors.
#include "feed/file_feed.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tb::exchange_sim {
namespace {

namespace fs = std::filesystem;
using testing::ElementsAre;
using testing::HasSubstr;

constexpr std::int64_t jan_1 = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t minute = 60'000;

// A directory of its own under the system temp directory, removed with its files.
class feed_dir : public testing::Test {
 protected:
  feed_dir() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    dir_ = fs::temp_directory_path() /
           ("tb_file_feed_" + std::to_string(stamp) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  ~feed_dir() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// A headerless Binance archive row at jan_1 + m minutes.
std::string archive_row(int m, const std::string& close = "42000.5") {
  const std::int64_t open = jan_1 + m * minute;
  return std::to_string(open) + ",42000.0,42010.25,41990.0," + close + ",1.5," +
         std::to_string(open + minute - 1) + ",63000.0,17,0.7,29400.0,0\n";
}

std::vector<std::int64_t> open_times(const std::vector<tb_candle>& candles) {
  std::vector<std::int64_t> out;
  for (const auto& c : candles) out.push_back(c.open_time_ms);
  return out;
}

std::string error_of(const std::function<void()>& make) {
  try {
    make();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a std::runtime_error";
  return {};
}

TEST_F(feed_dir, OneCsvFileAnsweredByRange) {
  write("BTCUSDT-1m.csv",
        "open_time,open,high,low,close,volume\n"
        "1704067200000,100.5,101,100,100.75,2\n"
        "1704067260000,100.75,102,100.5,101.25,3\n"
        "1704067380000,101.25,101.5,101,101.5,1\n");  // 00:02 is missing: a gap
  file_feed feed(dir(), "1m", {"BTCUSDT"});
  EXPECT_EQ(feed.base_interval_ms(), minute);
  ASSERT_EQ(feed.symbols().size(), 1u);
  EXPECT_EQ(feed.symbols()[0].name, "BTCUSDT");

  std::vector<tb_candle> out;
  feed.base_candles(0, jan_1, jan_1 + 10 * minute, out);
  EXPECT_THAT(open_times(out), ElementsAre(jan_1, jan_1 + minute, jan_1 + 3 * minute));
  EXPECT_EQ(out[1].close_time_ms, jan_1 + 2 * minute - 1);
  EXPECT_EQ(out[1].close, 101.25);
  EXPECT_EQ(out[1].volume, 3);
  EXPECT_EQ(out[1].flags, TB_CANDLE_CLOSED);
  // No quote volume in the file: volume at the typical price.
  EXPECT_DOUBLE_EQ(out[1].quote_volume, 3 * (102 + 100.5 + 101.25) / 3.0);

  out.clear();
  feed.base_candles(0, jan_1 + minute, jan_1 + 3 * minute, out);  // [from, to)
  EXPECT_THAT(open_times(out), ElementsAre(jan_1 + minute));
  out.clear();
  feed.base_candles(0, jan_1 + 2 * minute, jan_1 + 3 * minute, out);  // only the gap
  EXPECT_TRUE(out.empty());
  feed.base_candles(0, jan_1 - 10 * minute, jan_1, out);  // before the history
  EXPECT_TRUE(out.empty());
}

TEST_F(feed_dir, JsonFileKeepsQuoteVolumeAndTrades) {
  write("ETHUSDT-1h.json",
        "[[1704067200000,\"2300.1\",\"2310\",\"2290\",\"2305.55\",\"10\",1704070799999,"
        "\"23000\",120,\"5\",\"11500\",\"0\"]]");
  file_feed feed(dir(), "1h", {});
  std::vector<tb_candle> out;
  feed.base_candles(0, 0, jan_1 + 86'400'000, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].quote_volume, 23000);
  EXPECT_EQ(out[0].trade_count, 120u);
  EXPECT_EQ(out[0].close_time_ms, jan_1 + 3'600'000 - 1);
}

TEST_F(feed_dir, ArchiveDirectoryJoinsMonthlyAndDailyFiles) {
  write("BTCUSDT/1m/BTCUSDT-1m-2024-01.csv", archive_row(0) + archive_row(1) + archive_row(2));
  write("BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv", archive_row(2) + archive_row(3));
  file_feed feed(dir(), "1m", {"BTCUSDT"});
  std::vector<tb_candle> out;
  feed.base_candles(0, jan_1, jan_1 + 60 * minute, out);
  EXPECT_THAT(open_times(out),
              ElementsAre(jan_1, jan_1 + minute, jan_1 + 2 * minute, jan_1 + 3 * minute));
  EXPECT_EQ(out[0].quote_volume, 63000);
  EXPECT_EQ(out[0].trade_count, 17u);
}

TEST_F(feed_dir, ArchiveFilesSideBySideAndEverySymbolFound) {
  write("BTCUSDT-1m-2024-01.csv", archive_row(0));
  write("BTCUSDT-1m-2024-02.csv", archive_row(1));
  write("ETHUSDT/1m/ETHUSDT-1m-2024-01.csv", archive_row(0));
  write("SOLUSDT-1m.csv", archive_row(5));
  write("XRPUSDT-1h.csv", archive_row(0));  // another interval: not a 1m symbol
  write("notes.txt", "ignored");
  file_feed feed(dir(), "1m", {});
  std::vector<std::string> names;
  for (const auto& s : feed.symbols()) names.push_back(s.name);
  EXPECT_THAT(names, ElementsAre("BTCUSDT", "ETHUSDT", "SOLUSDT"));
  std::vector<tb_candle> out;
  feed.base_candles(0, 0, jan_1 + 60 * minute, out);
  EXPECT_THAT(open_times(out), ElementsAre(jan_1, jan_1 + minute));
}

TEST_F(feed_dir, FiltersFromSymbolsJson) {
  write("BTCUSDT-1m.csv", archive_row(0));
  write("ETHUSDT-1m.csv", archive_row(0));
  write("symbols.json",
        R"([{"symbol":"BTCUSDT","tickSize":"0.10","stepSize":"0.001","minQty":"0.001",)"
        R"("maxQty":"1000","minNotional":"5"}])");
  file_feed feed(dir(), "1m", {"BTCUSDT", "ETHUSDT"});
  const feed_symbol& btc = feed.symbols()[0];
  EXPECT_EQ(btc.tick_size, "0.10");
  EXPECT_EQ(btc.max_qty, "1000");
  // Not listed: inferred; the finest price in the data is 42010.25.
  const feed_symbol& eth = feed.symbols()[1];
  EXPECT_EQ(eth.name, "ETHUSDT");
  EXPECT_EQ(eth.tick_size, "0.01");
  EXPECT_EQ(eth.step_size, "0.001");
  EXPECT_EQ(eth.min_notional, "5");
}

TEST_F(feed_dir, InferredTickOfWholePrices) {
  write("BTCUSDT-1d.csv",
        "date,open,high,low,close,volume\n2024-01-01,42000,42100,41900,42050,3\n");
  file_feed feed(dir(), "1d", {});
  EXPECT_EQ(feed.symbols()[0].tick_size, "1");
}

TEST_F(feed_dir, FundingFromAFileOrTheArchive) {
  write("BTCUSDT-1m.csv", archive_row(0));
  write("BTCUSDT-funding.csv", "time,rate\n1704067200000,0.0001\n1704096000000,-0.0002\n");
  write("ETHUSDT-1m.csv", archive_row(0));
  write("ETHUSDT/fundingRate/ETHUSDT-fundingRate-2024-01.csv",
        "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0003\n");
  write("SOLUSDT-1m.csv", archive_row(0));
  file_feed feed(dir(), "1m", {});
  std::vector<funding_rate> out;
  feed.funding(0, jan_1, jan_1 + 86'400'000, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].time_ms, jan_1 + 8 * 3'600'000);
  EXPECT_EQ(out[1].rate, -0.0002);
  out.clear();
  feed.funding(0, jan_1 + 1, jan_1 + 86'400'000, out);
  EXPECT_EQ(out.size(), 1u);
  out.clear();
  feed.funding(1, jan_1, jan_1 + 1, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rate, 0.0003);
  out.clear();
  feed.funding(2, 0, jan_1 + 86'400'000, out);  // no funding data
  EXPECT_TRUE(out.empty());
}

TEST_F(feed_dir, OffTheGridNamesFileAndLine) {
  const auto file = write("BTCUSDT-1m.csv",
                          "open_time,open,high,low,close,volume\n"
                          "1704067200000,1,2,0.5,1.5,10\n"
                          "1704067290000,1,2,0.5,1.5,10\n");
  EXPECT_THAT(error_of([&] { file_feed(dir(), "1m", {}); }),
              HasSubstr(file.string() + ":3: column 1 \"open_time\": 2024-01-01T00:01:30Z is not "
                                        "on the grid"));
}

TEST_F(feed_dir, FileOfAnotherIntervalIsCaughtByItsCloseTime) {
  const auto file =
      write("BTCUSDT-1m.csv", "1704067200000,1,2,0.5,1.5,10,1704070799999,15,3,5,7.5,0\n");
  EXPECT_THAT(error_of([&] { file_feed(dir(), "1m", {}); }),
              HasSubstr(file.string() + ":1: column 7 \"close_time\""));
}

TEST_F(feed_dir, BadRowInAnArchiveFileNamesIt) {
  write("BTCUSDT/1m/BTCUSDT-1m-2024-01.csv", archive_row(0));
  const auto bad = write("BTCUSDT/1m/BTCUSDT-1m-2024-02.csv", archive_row(1) + archive_row(2, "x"));
  EXPECT_EQ(error_of([&] { file_feed(dir(), "1m", {}); }),
            bad.string() + ":2: column 5 \"close\": \"x\" is not a number");
}

TEST_F(feed_dir, MissingSymbol) {
  write("BTCUSDT-1m.csv", archive_row(0));
  EXPECT_EQ(error_of([&] { file_feed(dir(), "1m", {"ETHUSDT"}); }),
            dir().string() +
                ": no 1m candles for ETHUSDT; expected ETHUSDT-1m.csv, "
                "ETHUSDT-1m.json, ETHUSDT/1m/*.csv or ETHUSDT-1m-*.csv");
  EXPECT_EQ(error_of([&] { file_feed(dir(), "1m", {"BTCUSDT", "BTCUSDT"}); }),
            "file_feed: BTCUSDT is listed twice");
}

TEST_F(feed_dir, EmptyDirectoryUnknownIntervalAndNoDirectory) {
  EXPECT_THAT(error_of([&] { file_feed(dir(), "1m", {}); }),
              HasSubstr(dir().string() + ": no candle files"));
  EXPECT_THAT(error_of([&] { file_feed(dir(), "7m", {}); }), HasSubstr("unknown interval \"7m\""));
  EXPECT_THAT(error_of([&] { file_feed(dir() / "missing", "1m", {}); }),
              HasSubstr("missing: not a directory"));
}

TEST_F(feed_dir, BadSymbolsJson) {
  write("BTCUSDT-1m.csv", archive_row(0));
  const auto json = write("symbols.json", R"([{"symbol":"BTCUSDT","tickSize":"0.1"}])");
  EXPECT_EQ(error_of([&] { file_feed(dir(), "1m", {}); }),
            json.string() + ": entry 0 (BTCUSDT): no \"stepSize\"");
  write("symbols.json", "[{\"symbol\":\n  oops}]");
  EXPECT_THAT(error_of([&] { file_feed(dir(), "1m", {}); }),
              HasSubstr(json.string() + ": not valid JSON: "));
}

}  // namespace
}  // namespace tb::exchange_sim
