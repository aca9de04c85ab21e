// read_candle_files / read_candle_directory: Binance archive monthly and daily files joined.
#include "candle_files/candle_series.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "candle_test_support.hpp"
#include "temp_dir.hpp"

namespace tb::candle_files {
namespace {

using test::error_of;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;

constexpr std::int64_t jan_1 = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t minute = 60'000;

// A headerless archive row at jan_1 + m minutes closing at `close`.
std::string row(int m, const std::string& close = "1.5") {
  const std::int64_t open = jan_1 + m * minute;
  return std::to_string(open) + ",1,2,0.5," + close + ",10," + std::to_string(open + minute - 1) +
         ",15,3,5,7.5,0\n";
}

TEST(candle_series, JoinsFilesByTimeWhateverTheirNames) {
  const tb::test::temp_dir dir;
  dir.write("BTCUSDT-1m-2024-01-02.csv", row(3) + row(4));
  dir.write("BTCUSDT-1m-2024-01.csv", row(0) + row(1));
  dir.write("notes.txt", "not a candle file");
  const auto c = read_candle_directory(dir.path());
  EXPECT_THAT(c.time_ms,
              ElementsAre(jan_1, jan_1 + minute, jan_1 + 3 * minute, jan_1 + 4 * minute));
  EXPECT_EQ(c.trade_count.size(), 4u);
}

TEST(candle_series, DropsExactDuplicatesWhereFilesOverlap) {
  const tb::test::temp_dir dir;
  dir.write("BTCUSDT-1m-2024-01.csv", row(0) + row(1) + row(2));
  dir.write("BTCUSDT-1m-2024-01-01.csv", row(1) + row(2) + row(3));
  const auto c = read_candle_directory(dir.path());
  EXPECT_THAT(c.time_ms,
              ElementsAre(jan_1, jan_1 + minute, jan_1 + 2 * minute, jan_1 + 3 * minute));
}

TEST(candle_series, OverlapsThatDisagreeNameBothFiles) {
  const tb::test::temp_dir dir;
  const auto daily = dir.write("BTCUSDT-1m-2024-01-01.csv", row(0) + row(1, "1.75"));
  const auto monthly = dir.write("BTCUSDT-1m-2024-01.csv", row(0) + row(1));
  const auto e = error_of([&] { read_candle_directory(dir.path()); });
  EXPECT_EQ(e.message, monthly.string() +
                           ": the candle at 2024-01-01T00:01:00Z differs from the "
                           "one in " +
                           daily.string() + "; the files overlap and disagree, remove one of them");
}

TEST(candle_series, KeepsAnOptionalColumnOnlyWhenEveryFileHasIt) {
  const tb::test::temp_dir dir;
  const auto a = dir.write("a.csv", row(0));
  const auto b = dir.write("b.json", "[[1704067260000,1,2,0.5,1.5,10]]");
  const auto c = read_candle_files({a, b});
  EXPECT_EQ(c.size(), 2u);
  EXPECT_THAT(c.close_time_ms, IsEmpty());
}

TEST(candle_series, ErrorsInOneFileNameItAndTheLine) {
  const tb::test::temp_dir dir;
  dir.write("BTCUSDT-1m-2024-01.csv", row(0));
  const auto bad = dir.write("BTCUSDT-1m-2024-02.csv", row(1) + row(2, "x"));
  const auto e = error_of([&] { read_candle_directory(dir.path()); });
  EXPECT_EQ(e.message, bad.string() + ":2: column 5 \"close\": \"x\" is not a number");
  EXPECT_EQ(e.line, 2u);
}

TEST(candle_series, AnEmptyDirectoryIsAnError) {
  const tb::test::temp_dir dir;
  EXPECT_EQ(error_of([&] { read_candle_directory(dir.path()); }).message,
            dir.path().string() + ": no .csv or .json candle files in the directory");
  EXPECT_THAT(error_of([&] { read_candle_directory(dir.path() / "missing"); }).message,
              HasSubstr("missing: cannot list the directory"));
}

}  // namespace
}  // namespace tb::candle_files
