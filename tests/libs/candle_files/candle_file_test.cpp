#include "candle_files/candle_file.hpp"

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

constexpr std::int64_t dec_1 = 1'606'780'800'000;  // 2020-12-01T00:00:00Z

TEST(read_candle_file, ReadsCsv) {
  const tb::test::temp_dir dir;
  const auto path =
      dir.write("btc.csv", "date,open,high,low,close,volume\n2020-12-01,1,2,0.5,1.5,10\n");
  const auto c = read_candle_file(path);
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
  EXPECT_THAT(c.close, ElementsAre(1.5));
}

TEST(read_candle_file, ReadsJsonByItsOpeningBracketEvenAfterBomAndBlankLines) {
  const tb::test::temp_dir dir;
  const auto path = dir.write("btc.data", "\xEF\xBB\xBF\r\n  [[1606780800000,1,2,0.5,1.5,10]]");
  const auto c = read_candle_file(path);
  EXPECT_THAT(c.time_ms, ElementsAre(dec_1));
  EXPECT_THAT(c.volume, ElementsAre(10));
}

TEST(read_candle_file, NamesThePathInErrors) {
  const tb::test::temp_dir dir;
  const auto csv =
      dir.write("bad.csv", "date,open,high,low,close,volume\n2020-12-01,1,2,0.5,x,10\n");
  EXPECT_EQ(error_of([&] { read_candle_file(csv); }).message,
            csv.string() + ":2: column 5 \"close\": \"x\" is not a number");
  const auto json = dir.write("bad.json", "[[1606780800000,1,2,0.5,\"x\",10]]");
  EXPECT_EQ(error_of([&] { read_candle_file(json); }).message,
            json.string() + ": row index 0, element 4 \"close\": \"x\" is not a number");
}

TEST(read_candle_file, EmptyFile) {
  const tb::test::temp_dir dir;
  const auto path = dir.write("empty.csv", "");
  EXPECT_THAT(error_of([&] { read_candle_file(path); }).message,
              HasSubstr(path.string() + ": the file is empty"));
}

TEST(read_candle_file, MissingFile) {
  const tb::test::temp_dir dir;
  const auto path = dir.path() / "nowhere.csv";
  const auto e = error_of([&] { read_candle_file(path); });
  EXPECT_EQ(e.message,
            path.string() + ": cannot open the file (No such file or directory); check the path");
  EXPECT_EQ(e.line, 0u);
}

TEST(read_candle_file, Directory) {
  const tb::test::temp_dir dir;
  EXPECT_EQ(error_of([&] { read_candle_file(dir.path()); }).message,
            dir.path().string() + ": is a directory; pass a candle CSV or JSON file");
}

}  // namespace
}  // namespace tb::candle_files
