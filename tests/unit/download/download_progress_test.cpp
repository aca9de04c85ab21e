#include "download/download_progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "download_test_support.hpp"

namespace {

using namespace tb::host::downloader;

symbol_job january() {
  return {"BTCUSDT", "1m", test_data::jan_1_2024_ms, 1'706'745'600'000, "BTCUSDT-1m.csv",
          1'800'000'000'000};
}

TEST(download_progress, counts_are_grouped_by_thousands) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(44640), "44 640");
  EXPECT_EQ(format_count(1234567), "1 234 567");
}

TEST(download_progress, the_summary_names_the_symbol_the_span_and_the_requests) {
  symbol_outcome outcome;
  outcome.candles = 44640;
  outcome.new_candles = 44640;
  outcome.requests = 30;
  outcome.first_open_ms = test_data::jan_1_2024_ms;
  outcome.last_open_ms = 1'706'745'600'000 - 60'000;
  EXPECT_EQ(summary_line(january(), outcome),
            "BTCUSDT 1m: 44 640 candles, 2024-01-01 -> 2024-01-31 23:59, 30 requests");
  outcome.resumed = true;
  outcome.new_candles = 0;
  outcome.requests = 1;
  EXPECT_EQ(summary_line(january(), outcome),
            "BTCUSDT 1m: 44 640 candles (0 new), 2024-01-01 -> 2024-01-31 23:59, 1 request");
}

TEST(download_progress, gaps_are_warnings_and_a_failure_goes_to_the_error_stream) {
  std::ostringstream out;
  std::ostringstream err;
  download_progress progress(out, err, false);
  symbol_outcome outcome;
  outcome.candles = 10;
  outcome.gaps.push_back({test_data::jan_1_2024_ms + 60 * test_data::minute_ms,
                          test_data::jan_1_2024_ms + 180 * test_data::minute_ms});
  progress.finished(january(), outcome);
  EXPECT_NE(err.str().find("warning: BTCUSDT 1m: no candles from 2024-01-01 01:00 to "
                           "2024-01-01 02:59 (120 candles)"),
            std::string::npos)
      << err.str();
  EXPECT_NE(out.str().find("BTCUSDT 1m: 10 candles"), std::string::npos);

  outcome.ok = false;
  outcome.error = "BTCUSDT 1m: rate limited";
  std::ostringstream out2;
  std::ostringstream err2;
  download_progress failing(out2, err2, true);
  failing.page(january(), outcome, test_data::jan_1_2024_ms);
  failing.finished(january(), outcome);
  EXPECT_TRUE(out2.str().empty());
  EXPECT_NE(err2.str().find("\r\x1b[K"), std::string::npos);
  EXPECT_NE(err2.str().find("error: BTCUSDT 1m: rate limited (10 candles in BTCUSDT-1m.csv; "
                            "run again to resume)"),
            std::string::npos)
      << err2.str();
}

}  // namespace
