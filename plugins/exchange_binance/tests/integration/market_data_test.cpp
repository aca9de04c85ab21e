// exchange_binance.so against fake-binance over 127.0.0.1: market data under normal load,
// rate limits, server faults and malformed payloads.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "deadline.hpp"
#include "fake_process.hpp"
#include "filters/decimal.hpp"
#include "loaded_plugin.hpp"
#include "test_host.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

class market_data_test : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = std::make_unique<fake_process>(std::vector<std::string>{"--symbols", "60"});
    host_.add_bucket("binance.ip_weight", 2400, 60s);
    host_.add_bucket("binance.orders_10s", 300, 10s);
    host_.add_bucket("binance.orders_1m", 1200, 60s);
    host_.config = R"({"rest_url": ")" + fake_->rest_url() + R"(", "ws_url": ")" +
                   fake_->ws_url() + R"("})";
    plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
    ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
  }
  void TearDown() override {
    plugin_.reset();
    fake_.reset();
  }

  tb_status candles(const char* symbol, std::vector<tb_candle>& out, std::uint32_t limit,
                    std::chrono::milliseconds timeout = 10s) {
    out.resize(limit);
    std::size_t count = 0;
    const tb_status s = plugin_->exchange().fetch_candles(plugin_->self(), symbol, "1m", 0, 0,
                                                          limit, deadline_in(timeout), out.data(),
                                                          out.size(), &count, &err_);
    out.resize(s == TB_OK ? count : 0);
    return s;
  }

  test_host host_;
  std::unique_ptr<fake_process> fake_;
  std::unique_ptr<loaded_plugin> plugin_;
  tb_error err_{};
};

TEST_F(market_data_test, lists_symbols_after_a_size_probe_with_exact_filters) {
  std::size_t count = 0;
  const auto& ex = plugin_->exchange();
  ASSERT_EQ(ex.list_symbols(plugin_->self(), deadline_in(10s), nullptr, 0, &count, &err_),
            TB_E_BUFFER_TOO_SMALL);
  ASSERT_GT(count, 0u);
  std::vector<tb_symbol_info> symbols(count);
  ASSERT_EQ(ex.list_symbols(plugin_->self(), deadline_in(10s), symbols.data(), symbols.size(),
                            &count, &err_), TB_OK) << err_.message;
  bool btc = false;
  for (const tb_symbol_info& s : symbols) {
    EXPECT_TRUE(decimal::parse(s.tick_size)) << s.symbol << " tick " << s.tick_size;
    EXPECT_TRUE(decimal::parse(s.step_size)) << s.symbol << " step " << s.step_size;
    EXPECT_TRUE(s.status == TB_SYMBOL_TRADING || s.status == TB_SYMBOL_HALTED);
    btc = btc || std::string(s.symbol) == "BTCUSDT";
  }
  EXPECT_TRUE(btc);
  // The probe and the real call share one download.
  EXPECT_EQ(fake_->requests("/fapi/v1/exchangeInfo").size(), 1u);
}

TEST_F(market_data_test, fifty_concurrent_scans_never_meet_a_429) {
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 50; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < 4; ++i) {
        std::vector<tb_candle> out;
        tb_error err{};
        out.resize(150);
        std::size_t count = 0;
        const char* symbol = t % 2 == 0 ? "BTCUSDT" : "ETHUSDT";
        if (plugin_->exchange().fetch_candles(plugin_->self(), symbol, "1m", 0, 0, 150,
                                              deadline_in(20s), out.data(), out.size(), &count,
                                              &err) != TB_OK ||
            count == 0) {
          ++failures;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  for (const auto& r : fake_->requests()) EXPECT_NE(r.value("status", 0), 429) << r.dump();
  EXPECT_FALSE(host_.usage_reports().empty());
}

TEST_F(market_data_test, candles_are_oldest_first_and_only_past_ones_closed) {
  std::vector<tb_candle> out;
  ASSERT_EQ(candles("BTCUSDT", out, 100), TB_OK) << err_.message;
  ASSERT_FALSE(out.empty());
  for (std::size_t i = 1; i < out.size(); ++i) {
    EXPECT_LT(out[i - 1].open_time_ms, out[i].open_time_ms);
    EXPECT_EQ(out[i - 1].flags & TB_CANDLE_CLOSED, TB_CANDLE_CLOSED);
  }
  // Without a start or end, the last candle is the one still forming.
  EXPECT_EQ(out.back().flags & TB_CANDLE_CLOSED, 0u);
}

TEST_F(market_data_test, a_429_pauses_the_bucket_and_calls_resume_after_it) {
  fake_->admin("POST", "/_admin/weight", {{"limit", 3}, {"clear", true}});
  std::vector<tb_candle> out;
  tb_status s = TB_OK;
  for (int i = 0; i < 10 && s == TB_OK; ++i) s = candles("BTCUSDT", out, 50);
  ASSERT_EQ(s, TB_E_RATE_LIMITED) << err_.message;
  EXPECT_NE(std::string(err_.message).find("HTTP 429"), std::string::npos) << err_.message;
  EXPECT_EQ(err_.remote_code, -1003);
  bool paused = false;
  for (const auto& p : host_.pauses()) paused = paused || p.bucket == "binance.ip_weight";
  EXPECT_TRUE(paused);
  // While paused, nothing reaches the server.
  const std::size_t before = fake_->requests("/fapi/v1/klines").size();
  EXPECT_EQ(candles("BTCUSDT", out, 50, 1s), TB_E_RATE_LIMITED);
  EXPECT_EQ(fake_->requests("/fapi/v1/klines").size(), before);
  // Once the pause is over (and the server's window too), calls succeed again.
  fake_->admin("POST", "/_admin/weight", {{"limit", 2400}, {"clear", true}});
  host_.clear_pauses();
  EXPECT_EQ(candles("BTCUSDT", out, 50), TB_OK) << err_.message;
}

TEST_F(market_data_test, a_418_pauses_every_bucket_and_raises_an_alert) {
  fake_->admin("POST", "/_admin/weight", {{"limit", 1}, {"clear", true}});
  std::vector<tb_candle> out;
  tb_status s = TB_OK;
  bool banned = false;
  for (int i = 0; i < 10 && !banned; ++i) {
    s = candles("BTCUSDT", out, 50);
    banned = std::string(err_.message).find("HTTP 418") != std::string::npos;
    host_.clear_pauses();  // behave like a client that ignores the 429 pause
  }
  ASSERT_TRUE(banned) << err_.message;
  EXPECT_EQ(s, TB_E_RATE_LIMITED);
  bool all = false;
  for (const auto& p : host_.pauses()) all = all || p.bucket.empty();
  EXPECT_TRUE(all);
  EXPECT_FALSE(host_.alerts().empty());
}

TEST_F(market_data_test, server_errors_open_the_breaker_and_client_errors_do_not) {
  std::vector<tb_candle> out;
  EXPECT_EQ(candles("NOSUCHUSDT", out, 10), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(err_.remote_code, -1121) << err_.message;
  EXPECT_EQ(host_.breaker_state("binance.market"), TB_BREAKER_CLOSED);
  fake_->admin("POST", "/_admin/faults",
               {{"type", "error"}, {"status", 503}, {"count", 5}, {"path", "/fapi/v1/klines"}});
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(candles("BTCUSDT", out, 10), TB_E_IO) << err_.message;
    EXPECT_NE(std::string(err_.message).find("HTTP 503"), std::string::npos) << err_.message;
  }
  const std::size_t before = fake_->requests("/fapi/v1/klines").size();
  EXPECT_EQ(candles("BTCUSDT", out, 10), TB_E_BREAKER_OPEN);
  EXPECT_NE(std::string(err_.message).find("binance.market"), std::string::npos);
  EXPECT_EQ(fake_->requests("/fapi/v1/klines").size(), before);
}

TEST_F(market_data_test, malformed_payloads_give_clear_errors_and_no_crash) {
  fake_->admin("POST", "/_admin/faults",
               {{"type", "malformed"}, {"count", 1}, {"path", "/fapi/v1/klines"}});
  std::vector<tb_candle> out;
  EXPECT_EQ(candles("BTCUSDT", out, 10), TB_E_IO);
  EXPECT_NE(std::string(err_.message).find("not valid JSON"), std::string::npos) << err_.message;
  EXPECT_NE(std::string(err_.message).find("exchange_binance 0.2.0: fetch_candles"),
            std::string::npos) << err_.message;
  fake_->admin("POST", "/_admin/faults",
               {{"type", "malformed"}, {"count", 1}, {"path", "/fapi/v1/exchangeInfo"}});
  std::size_t count = 0;
  EXPECT_EQ(plugin_->exchange().list_symbols(plugin_->self(), deadline_in(10s), nullptr, 0,
                                             &count, &err_), TB_E_IO);
  EXPECT_NE(std::string(err_.message).find("exchangeInfo"), std::string::npos) << err_.message;
  EXPECT_EQ(candles("BTCUSDT", out, 10), TB_OK) << err_.message;
}

TEST_F(market_data_test, a_hung_server_gives_a_timeout_by_the_deadline) {
  fake_->admin("POST", "/_admin/faults", {{"type", "timeout"}, {"count", 1},
                                          {"path", "/fapi/v1/klines"}, {"holdMs", 20000}});
  std::vector<tb_candle> out;
  EXPECT_EQ(candles("BTCUSDT", out, 10, 500ms), TB_E_TIMEOUT) << err_.message;
  EXPECT_EQ(candles("BTCUSDT", out, 10), TB_OK) << err_.message;
}

TEST_F(market_data_test, bad_arguments_are_refused_before_any_request) {
  std::vector<tb_candle> out;
  out.resize(10);
  std::size_t count = 0;
  EXPECT_EQ(plugin_->exchange().fetch_candles(plugin_->self(), "BTCUSDT", "1s", 0, 0, 10,
                                              deadline_in(5s), out.data(), out.size(), &count,
                                              &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err_.message).find("interval \"1s\""), std::string::npos);
  EXPECT_TRUE(fake_->requests("/fapi/v1/klines").empty());
}

}  // namespace
}  // namespace tb::binance::testing
