#include "download/resume_scan.hpp"

#include <gtest/gtest.h>

#include <string>

#include "download/archive_line.hpp"
#include "download/download_error.hpp"
#include "download_test_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace tb::host::downloader;
using test_data::candle_at;
using test_data::jan_1_2024_ms;
using test_data::minute_ms;

std::string lines(std::int64_t count, std::int64_t length_ms = minute_ms) {
  std::string text = std::string(archive_header) + "\n";
  for (std::int64_t i = 0; i < count; ++i) {
    append_archive_line(text, candle_at(jan_1_2024_ms + i * length_ms, length_ms));
  }
  return text;
}

// The message of the download_error scan_existing_file throws, or "" when it does not.
std::string refusal(const std::filesystem::path& file, const char* interval = "1m") {
  try {
    (void)scan_existing_file(file, interval);
  } catch (const download_error& e) {
    return e.what();
  }
  return "";
}

TEST(resume_scan, a_missing_file_starts_from_scratch) {
  tb::test::temp_dir dir;
  const auto existing = scan_existing_file(dir.path() / "BTCUSDT-1m.csv", "1m");
  EXPECT_FALSE(existing.exists);
  EXPECT_FALSE(existing.last);
}

TEST(resume_scan, a_complete_file_resumes_after_its_last_line) {
  tb::test::temp_dir dir;
  const std::string text = lines(5);
  const auto file = dir.write("BTCUSDT-1m.csv", text);
  const auto existing = scan_existing_file(file, "1m");
  EXPECT_TRUE(existing.has_header);
  EXPECT_FALSE(existing.torn);
  EXPECT_EQ(existing.keep_bytes, text.size());
  EXPECT_EQ(existing.candles, 5u);
  ASSERT_TRUE(existing.first && existing.last);
  EXPECT_EQ(existing.first->open_time_ms, jan_1_2024_ms);
  EXPECT_TRUE(same_candle(*existing.last, candle_at(jan_1_2024_ms + 4 * minute_ms)));
}

TEST(resume_scan, a_torn_last_line_is_left_out_and_marked_for_cutting) {
  tb::test::temp_dir dir;
  const std::string complete = lines(5);
  std::string torn_line;
  append_archive_line(torn_line, candle_at(jan_1_2024_ms + 5 * minute_ms));
  const auto file = dir.write("BTCUSDT-1m.csv", complete + torn_line.substr(0, 30));
  const auto existing = scan_existing_file(file, "1m");
  EXPECT_TRUE(existing.torn);
  EXPECT_EQ(existing.keep_bytes, complete.size());
  EXPECT_EQ(existing.candles, 5u);
  EXPECT_EQ(existing.last->open_time_ms, jan_1_2024_ms + 4 * minute_ms);
}

TEST(resume_scan, a_torn_header_is_cut_to_nothing) {
  tb::test::temp_dir dir;
  const auto file = dir.write("BTCUSDT-1m.csv", std::string(archive_header.substr(0, 20)));
  const auto existing = scan_existing_file(file, "1m");
  EXPECT_TRUE(existing.torn);
  EXPECT_FALSE(existing.has_header);
  EXPECT_EQ(existing.keep_bytes, 0u);
}

TEST(resume_scan, a_foreign_file_is_refused_with_its_name_and_line) {
  tb::test::temp_dir dir;
  const auto other = dir.write("notes.csv", "date,open,high,low,close\n2024-01-01,1,2,0,1\n");
  EXPECT_NE(refusal(other).find("notes.csv:1: the first line is not the header"),
            std::string::npos)
      << refusal(other);

  const auto broken = dir.write("broken.csv", lines(3) + "1704067380000,1,2,oops\n" + lines(0));
  EXPECT_NE(refusal(broken).find("broken.csv:5: not a kline line"), std::string::npos)
      << refusal(broken);

  const auto shuffled = dir.write("order.csv", lines(2) + lines(1).substr(archive_header.size() + 1));
  EXPECT_NE(refusal(shuffled).find("order.csv:4: open times do not increase"), std::string::npos)
      << refusal(shuffled);

  const auto garbage = dir.write("garbage.csv", "PK\x03\x04 zip bytes without a line end");
  EXPECT_NE(refusal(garbage).find("garbage.csv:1:"), std::string::npos) << refusal(garbage);
}

TEST(resume_scan, a_file_of_another_interval_is_refused) {
  tb::test::temp_dir dir;
  const auto hourly = dir.write("BTCUSDT-1m.csv", lines(3, 60 * minute_ms));
  const std::string message = refusal(hourly, "1m");
  EXPECT_NE(message.find("BTCUSDT-1m.csv:2: the candle at 2024-01-01 is not a 1m candle"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("left unchanged"), std::string::npos);
  EXPECT_EQ(refusal(hourly, "1h"), "");
}

}  // namespace
