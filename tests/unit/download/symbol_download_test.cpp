// The paging loop over an in-memory exchange: pages of 1500, resuming after a torn line to
// the same bytes as a clean download, refusing a file of another symbol, gaps, failures.
#include "download/symbol_download.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "download_test_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace tb::host::downloader;
using tb::host::candle_request;
using tb::host::exchange_status;
using test_data::candle_at;
using test_data::jan_1_2024_ms;
using test_data::minute_ms;

// 1m candles of one symbol from jan_1_2024_ms - 1 day to `now` (the last one still open),
// minus `missing` open times; answers like Binance (startTime, endTime, limit).
struct memory_exchange {
  std::int64_t now_ms = jan_1_2024_ms + 10 * 24 * 60 * minute_ms;
  std::set<std::int64_t> missing;
  std::string symbol = "BTCUSDT";
  std::vector<candle_request> requests;
  double price_shift = 0;  // another symbol's prices

  exchange_status operator()(const candle_request& r, std::vector<tb_candle>& out) {
    requests.push_back(r);
    out.clear();
    if (r.symbol != symbol) return {TB_E_REJECTED, -1121, "Invalid symbol."};
    const std::int64_t first = std::max(r.start_ms, jan_1_2024_ms - 24 * 60 * minute_ms);
    for (std::int64_t t = (first + minute_ms - 1) / minute_ms * minute_ms;
         t <= r.end_ms && t <= now_ms && out.size() < r.limit; t += minute_ms) {
      if (missing.contains(t)) continue;
      tb_candle c = candle_at(t);
      c.close += price_shift;
      if (t + minute_ms > now_ms) c.flags = 0;
      out.push_back(c);
    }
    return {};
  }
};

candle_fetch fetch_from(memory_exchange& exchange) {
  return [&](const candle_request& r, std::vector<tb_candle>& out) { return exchange(r, out); };
}

symbol_job job_in(const tb::test::temp_dir& dir, std::int64_t candles) {
  return {"BTCUSDT", "1m", jan_1_2024_ms, jan_1_2024_ms + candles * minute_ms,
          dir.path() / "BTCUSDT-1m.csv", 1'800'000'000'000};
}

TEST(symbol_download, pages_of_1500_closed_candles_oldest_first) {
  tb::test::temp_dir dir;
  memory_exchange exchange;
  const auto job = job_in(dir, 3600);
  std::vector<std::int64_t> cursors;
  const auto outcome = download_symbol(job, fetch_from(exchange),
                                       [&](const symbol_outcome&, std::int64_t cursor) {
                                         cursors.push_back(cursor);
                                       });
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(outcome.candles, 3600u);
  EXPECT_EQ(outcome.new_candles, 3600u);
  EXPECT_EQ(outcome.requests, 3u);
  EXPECT_EQ(cursors.size(), 3u);
  EXPECT_TRUE(outcome.gaps.empty());
  EXPECT_EQ(outcome.first_open_ms, jan_1_2024_ms);
  EXPECT_EQ(outcome.last_open_ms, jan_1_2024_ms + 3599 * minute_ms);
  for (const auto& r : exchange.requests) {
    EXPECT_EQ(r.limit, page_limit);
    EXPECT_EQ(r.end_ms, job.end_ms - 1);
  }
  EXPECT_EQ(exchange.requests[1].start_ms, jan_1_2024_ms + 1499 * minute_ms + 1);
  const std::string text = tb::test::read_file(job.file);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3601);
  EXPECT_TRUE(text.starts_with("open_time,open,high,low,close,volume,close_time,"));
}

TEST(symbol_download, a_rerun_of_a_finished_download_sends_nothing_and_changes_nothing) {
  tb::test::temp_dir dir;
  memory_exchange exchange;
  const auto job = job_in(dir, 2000);
  ASSERT_TRUE(download_symbol(job, fetch_from(exchange)).ok);
  const std::string before = tb::test::read_file(job.file);
  exchange.requests.clear();
  const auto again = download_symbol(job, fetch_from(exchange));
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_TRUE(exchange.requests.empty());
  EXPECT_EQ(again.new_candles, 0u);
  EXPECT_EQ(again.candles, 2000u);
  EXPECT_TRUE(again.resumed);
  EXPECT_EQ(tb::test::read_file(job.file), before);
}

TEST(symbol_download, a_torn_file_resumes_to_the_bytes_of_a_clean_download) {
  tb::test::temp_dir clean_dir;
  tb::test::temp_dir torn_dir;
  memory_exchange exchange;
  const auto clean = job_in(clean_dir, 3600);
  ASSERT_TRUE(download_symbol(clean, fetch_from(exchange)).ok);
  const std::string expected = tb::test::read_file(clean.file);

  const auto torn = job_in(torn_dir, 3600);
  torn_dir.write(torn.file.filename().string(), expected.substr(0, expected.size() / 2 + 17));
  exchange.requests.clear();
  const auto outcome = download_symbol(torn, fetch_from(exchange));
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_TRUE(outcome.cut_torn_line);
  EXPECT_TRUE(outcome.resumed);
  EXPECT_EQ(outcome.candles, 3600u);
  EXPECT_LT(outcome.new_candles, 3600u);
  EXPECT_EQ(tb::test::read_file(torn.file), expected);
  // The first request repeats the file's last candle, to check it is this symbol's.
  const std::int64_t last_kept = jan_1_2024_ms + (3600 - outcome.new_candles - 1) * minute_ms;
  EXPECT_EQ(exchange.requests.front().start_ms, last_kept);
}

TEST(symbol_download, a_file_of_another_symbol_is_refused_and_left_unchanged) {
  tb::test::temp_dir dir;
  memory_exchange other;
  other.price_shift = 1000;
  const auto job = job_in(dir, 3000);
  auto half = job;
  half.end_ms = jan_1_2024_ms + 1000 * minute_ms;
  ASSERT_TRUE(download_symbol(half, fetch_from(other)).ok);
  const std::string before = tb::test::read_file(job.file);

  memory_exchange exchange;
  const auto outcome = download_symbol(job, fetch_from(exchange));
  EXPECT_FALSE(outcome.ok);
  EXPECT_NE(outcome.error.find("BTCUSDT-1m.csv: its last candle (2024-01-01 16:39) is not "
                               "BTCUSDT's 1m candle"),
            std::string::npos)
      << outcome.error;
  EXPECT_EQ(tb::test::read_file(job.file), before);
}

TEST(symbol_download, missing_candles_are_gaps_not_errors) {
  tb::test::temp_dir dir;
  memory_exchange exchange;
  for (std::int64_t i = 100; i < 220; ++i) exchange.missing.insert(jan_1_2024_ms + i * minute_ms);
  const auto outcome = download_symbol(job_in(dir, 3000), fetch_from(exchange));
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(outcome.candles, 3000u - 120u);
  ASSERT_EQ(outcome.gaps.size(), 1u);
  EXPECT_EQ(outcome.gaps[0].from_ms, jan_1_2024_ms + 100 * minute_ms);
  EXPECT_EQ(outcome.gaps[0].to_ms, jan_1_2024_ms + 220 * minute_ms);
}

TEST(symbol_download, the_open_candle_ends_the_download_without_a_gap) {
  tb::test::temp_dir dir;
  memory_exchange exchange;
  exchange.now_ms = jan_1_2024_ms + 100 * minute_ms + 30'000;
  const auto outcome = download_symbol(job_in(dir, 3000), fetch_from(exchange));
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(outcome.candles, 100u);
  EXPECT_TRUE(outcome.gaps.empty());
}

TEST(symbol_download, an_unknown_symbol_fails_naming_it_and_leaves_no_file) {
  tb::test::temp_dir dir;
  memory_exchange exchange;
  auto job = job_in(dir, 100);
  job.symbol = "NOSUCHUSDT";
  job.file = dir.path() / "NOSUCHUSDT-1m.csv";
  const auto outcome = download_symbol(job, fetch_from(exchange));
  EXPECT_FALSE(outcome.ok);
  EXPECT_NE(outcome.error.find("NOSUCHUSDT 1m: unknown symbol"), std::string::npos)
      << outcome.error;
  EXPECT_FALSE(std::filesystem::exists(job.file));
}

TEST(symbol_download, failures_say_what_happened) {
  EXPECT_NE(describe_failure({TB_E_RATE_LIMITED, -1003, "too many"}).find("rate limited"),
            std::string::npos);
  EXPECT_NE(describe_failure({TB_E_BREAKER_OPEN, 0, "open"}).find("circuit breaker"),
            std::string::npos);
  EXPECT_NE(describe_failure({TB_E_REJECTED, -1100, "bad"}).find("refused"), std::string::npos);
}

}  // namespace
