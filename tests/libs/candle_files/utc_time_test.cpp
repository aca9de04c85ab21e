#include <candle_files/utc_time.hpp>

#include <gtest/gtest.h>

namespace {

using namespace tb::candle_files;

TEST(utc_time, dates_and_date_times_are_utc) {
  EXPECT_EQ(parse_utc_time("2024-01-01"), 1'704'067'200'000);
  EXPECT_EQ(parse_utc_time("2024-01-01T12:30"), 1'704'067'200'000 + 45'000'000);
  EXPECT_EQ(parse_utc_time("2024-01-01 12:30:15"), 1'704'067'200'000 + 45'015'000);
  EXPECT_EQ(parse_utc_time("2024-02-01T00:00:00Z"), 1'706'745'600'000);
}

TEST(utc_time, anything_else_is_refused) {
  for (const char* text : {"", "yesterday", "1704067200000", "2024-13-01", "2024-01-01T25:00",
                           "2024.01.01"}) {
    EXPECT_FALSE(parse_utc_time(text)) << text;
  }
}

TEST(utc_time, minutes_are_printed_and_midnight_is_a_date) {
  EXPECT_EQ(format_utc_minute(1'704'067'200'000), "2024-01-01");
  EXPECT_EQ(format_utc_minute(1'706'745'600'000 - 60'000), "2024-01-31 23:59");
}

}  // namespace
