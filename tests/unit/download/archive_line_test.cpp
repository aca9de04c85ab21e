#include "download/archive_line.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "download_test_support.hpp"

namespace {

using namespace tb::host::downloader;
using test_data::candle_at;

TEST(archive_line, writes_the_archive_columns_with_zero_taker_columns) {
  // open time, close time, open, high, low, close, volume, quote volume, count, flags
  const tb_candle c{1704067200000, 1704067259999, 42283.5, 42289.6, 42270, 42277.1, 123.456,
                    5219876.25, 1234, TB_CANDLE_CLOSED, 0};
  std::string line;
  append_archive_line(line, c);
  EXPECT_EQ(line,
            "1704067200000,42283.5,42289.6,42270,42277.1,123.456,1704067259999,5219876.25,1234,"
            "0,0,0\n");
}

TEST(archive_line, every_number_reads_back_exactly) {
  for (std::int64_t i = 0; i < 500; ++i) {
    tb_candle c = candle_at(test_data::jan_1_2024_ms + i * test_data::minute_ms);
    if (i == 7) c.high = std::numeric_limits<double>::max();
    if (i == 8) c.low = std::numeric_limits<double>::denorm_min();
    std::string line;
    append_archive_line(line, c);
    ASSERT_EQ(line.back(), '\n');
    line.pop_back();
    const auto back = parse_archive_line(line);
    ASSERT_TRUE(back.has_value()) << line;
    EXPECT_TRUE(same_candle(*back, c)) << line;
    EXPECT_EQ(back->flags, TB_CANDLE_CLOSED);
  }
}

TEST(archive_line, a_crlf_line_end_is_accepted) {
  EXPECT_TRUE(parse_archive_line("1704067200000,1,2,0.5,1.5,10,1704067259999,15,3,0,0,0\r"));
}

TEST(archive_line, anything_but_twelve_numeric_fields_is_refused) {
  for (const char* line : {
           "",
           "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
           "taker_buy_quote_volume,ignore",
           "1704067200000,1,2,0.5,1.5,10,1704067259999,15,3,0,0",      // 11 fields
           "1704067200000,1,2,0.5,1.5,10,1704067259999,15,3,0,0,0,0",  // 13
           "1704067200000,1,2,0.5,nan,10,1704067259999,15,3,0,0,0",
           "1704067200000,1,2,0.5,1.5,10,1704067259999,15,3.5,0,0,0",  // count not whole
           "1704067200000.5,1,2,0.5,1.5,10,1704067259999,15,3,0,0,0",
           "1704067200000,1,2,0.5,1.5,10,17040672599,15,3,0,0,0x",
           "1704067200000,1,,0.5,1.5,10,1704067259999,15,3,0,0,0",
       }) {
    EXPECT_FALSE(parse_archive_line(line)) << line;
  }
}

}  // namespace
