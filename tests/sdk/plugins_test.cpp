// The three plugins of this repository, driven through the C ABI with a fake host: what each
// reports, how each reads its settings, what the strategy finds, and the notifier's "not
// supported yet" answers.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "plugin_library.hpp"
#include "setup_scenario.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {
namespace {

using testing::emitted_signal;
using testing::fake_host;
using testing::plugin_instance;
using testing::plugin_library;

#define EXPECT_CONTAINS(text, needle)                               \
  EXPECT_NE(std::string(text).find(needle), std::string::npos)      \
      << "\"" << (text) << "\" should contain \"" << (needle) << "\""

// What every plugin of the repository reports, and that it creates and starts with
// `settings` (none by default).
void expect_plugin(const char* path, const char* id, const char* version, std::int32_t kind,
                   const char* interface_id, const char* settings = "{}") {
  const plugin_library lib(path);
  const tb_plugin_descriptor& d = lib.descriptor();
  EXPECT_STREQ(d.id, id);
  EXPECT_EQ(d.kind, kind);
  EXPECT_STREQ(d.version, version);
  EXPECT_EQ(d.abi_major, TB_ABI_MAJOR);
  EXPECT_GT(std::strlen(d.description), 0u);
  EXPECT_CONTAINS(d.build_info, "TradingBot SDK 0.1.0");
  // The id is the file name without ".so".
  const std::string file = path;
  EXPECT_EQ(file.substr(file.rfind('/') + 1), std::string(id) + ".so");

  fake_host host;
  host.config = settings;
  plugin_instance instance(lib, host.api(), id);
  ASSERT_NE(instance.self(), nullptr) << instance.create_error().message;
  EXPECT_NE(d.get_interface(instance.self(), interface_id), nullptr);
  tb_error err{};
  EXPECT_EQ(instance.start(&err), TB_OK) << err.message;
}

TEST(repository_plugins, exchange_binance_reports_itself) {
  expect_plugin(TB_EXCHANGE_BINANCE_PATH, "exchange_binance", "0.2.0", TB_KIND_EXCHANGE,
                TB_IFACE_EXCHANGE_V1);
}

TEST(repository_plugins, strategy_ictsmc_reports_itself) {
  expect_plugin(TB_STRATEGY_ICTSMC_PATH, "strategy_ictsmc", "0.2.0", TB_KIND_STRATEGY,
                TB_IFACE_STRATEGY_V1);
}

TEST(repository_plugins, notify_discord_reports_itself) {
  // A webhook needs no network to start (nothing is sent until a message is queued).
  expect_plugin(TB_NOTIFY_DISCORD_PATH, "notify_discord", "1.0.0", TB_KIND_NOTIFIER,
                TB_IFACE_NOTIFIER_V1,
                R"({"webhook_url": "https://discord.com/api/webhooks/1/t",
                    "api_url": "http://127.0.0.1:9/api/v10"})");
}

// ---- exchange_binance

class exchange_binance : public ::testing::Test {
 protected:
  exchange_binance() : lib_(TB_EXCHANGE_BINANCE_PATH) {}

  // Creates and starts an instance with `settings`; the status of start().
  tb_status start_with(const std::string& settings) {
    host_.config = settings;
    instance_ = std::make_unique<plugin_instance>(lib_, host_.api(), "exchange_binance");
    if (instance_->self() == nullptr) return instance_->create_error().code;
    return instance_->start(&err_);
  }

  const tb_exchange_v1& table() const {
    return *lib_.interface<tb_exchange_v1>(instance_->self(), TB_IFACE_EXCHANGE_V1);
  }

  plugin_library lib_;
  fake_host host_;
  std::unique_ptr<plugin_instance> instance_;
  tb_error err_{};
};

TEST_F(exchange_binance, starts_with_defaults_and_logs_a_summary) {
  ASSERT_EQ(start_with("{}"), TB_OK) << err_.message;
  EXPECT_TRUE(host_.logged(TB_LOG_INFO,
                           "exchange_binance 0.2.0: REST https://fapi.binance.com, websocket "
                           "wss://fstream.binance.com, recv_window 5000 ms, API credentials not "
                           "set (market data only)"))
      << host_.all_logs();
}

TEST_F(exchange_binance, accepts_a_fakes_urls_and_never_logs_secrets) {
  ASSERT_EQ(start_with(R"({"rest_url": "http://127.0.0.1:43127", "ws_url": "ws://[::1]:9000/ws",
                           "api_key": "KEY-7f3a9c", "api_secret": "SECRET-b81d22",
                           "recv_window_ms": 10000, "colour": "blue"})"),
            TB_OK)
      << err_.message;
  EXPECT_TRUE(host_.logged(TB_LOG_INFO, "REST http://127.0.0.1:43127, websocket "
                                        "ws://[::1]:9000/ws, recv_window 10000 ms, API "
                                        "credentials set"))
      << host_.all_logs();
  EXPECT_TRUE(host_.logged(TB_LOG_WARN, "unknown setting \"colour\" ignored"));
  EXPECT_EQ(host_.all_logs().find("KEY-7f3a9c"), std::string::npos) << host_.all_logs();
  EXPECT_EQ(host_.all_logs().find("SECRET-b81d22"), std::string::npos) << host_.all_logs();
}

TEST_F(exchange_binance, refuses_malformed_base_urls) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"rest_url": "ftp://fapi.binance.com"})", "rest_url \"ftp://fapi.binance.com\""},
      {R"({"rest_url": "fapi.binance.com"})", "it has no scheme"},
      {R"({"rest_url": "https://"})", "the host is empty"},
      {R"({"rest_url": "https://fapi.binance.com:0"})", "the port is not in 1-65535"},
      {R"({"rest_url": "https://fapi binance.com"})", "whitespace"},
      {R"({"rest_url": "https://fapi.binance.com/?x=1"})", "no query or fragment"},
      {R"({"ws_url": "https://fstream.binance.com"})", "ws_url"},
      {R"({"ws_url": 5})", "ws_url must be a string"},
  };
  for (const auto& [settings, message] : bad) {
    EXPECT_EQ(start_with(settings), TB_E_INVALID_ARGUMENT) << settings;
    EXPECT_CONTAINS(err_.message, "exchange_binance 0.2.0: settings: ");
    EXPECT_CONTAINS(err_.message, message);
  }
}

TEST_F(exchange_binance, errors_never_echo_secrets) {
  EXPECT_EQ(start_with(R"({"api_key": "KEY-7f3a9c"})"), TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "set both api_key and api_secret, or neither");
  EXPECT_EQ(start_with(R"({"api_key": "KEY-7f3a9c", "api_secret": ["SECRET-b81d22"]})"),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "api_secret must be a string");
  EXPECT_EQ(start_with(R"({"api_key": "KEY-7f3a9c", "api_secret": "SECRET-b81d22")"),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "not valid JSON (error at byte");
  EXPECT_EQ(std::string(err_.message).find("SECRET"), std::string::npos) << err_.message;
  EXPECT_EQ(start_with(R"({"rest_url": "https://user:SECRET-b81d22@fapi.binance.com"})"),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "credentials do not belong in the URL");
  EXPECT_EQ(std::string(err_.message).find("SECRET"), std::string::npos) << err_.message;
  EXPECT_EQ(start_with(R"({"recv_window_ms": 60001})"), TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "recv_window_ms must be a whole number");
}

// Pointed at a closed loopback port, so nothing leaves the machine: account calls without keys
// are refused before any request, market calls fail with I/O naming the endpoint, and only
// the user-data stream is still not supported.
TEST_F(exchange_binance, without_keys_or_a_server_every_operation_fails_clearly) {
  ASSERT_EQ(start_with(R"({"rest_url":"http://127.0.0.1:1","ws_url":"ws://127.0.0.1:1"})"), TB_OK);
  const tb_exchange_v1& t = table();
  void* self = instance_->self();
  const std::int64_t deadline = host_.monotonic_ns + 1'000'000'000;
  std::size_t count = 0;
  tb_candle candles[1];
  tb_balance balances[1];
  tb_position positions[1];
  tb_order_state state{};
  testing::recording_market_sink sink;

  EXPECT_EQ(t.get_balances(self, deadline, balances, 1, &count, &err_), TB_E_AUTH);
  EXPECT_NE(std::string(err_.message).find("api_key"), std::string::npos) << err_.message;
  EXPECT_EQ(t.get_positions(self, deadline, positions, 1, &count, &err_), TB_E_AUTH);
  EXPECT_EQ(t.query_order(self, "BTCUSDT", "id", deadline, &state, &err_), TB_E_AUTH);
  EXPECT_EQ(t.set_leverage(self, "BTCUSDT", 5, deadline, &err_), TB_E_AUTH);

  EXPECT_EQ(t.fetch_candles(self, "BTCUSDT", "1h", 0, 0, 1, deadline, candles, 1, &count, &err_),
            TB_E_IO);
  EXPECT_NE(std::string(err_.message).find("127.0.0.1:1"), std::string::npos) << err_.message;

  EXPECT_EQ(t.subscribe_account(self, sink.raw(), &err_), TB_E_AUTH);
  EXPECT_STREQ(err_.message,
               "exchange_binance 0.2.0: subscribe_account: api_key and api_secret are not set "
               "(market data only)");
  EXPECT_TRUE(sink.events.empty());
}

// ---- strategy_ictsmc

class strategy_ictsmc : public ::testing::Test {
 protected:
  strategy_ictsmc() : lib_(TB_STRATEGY_ICTSMC_PATH) {}

  std::vector<std::pair<std::string, std::uint32_t>> needs(const std::string& settings) {
    host_.config = settings;
    plugin_instance instance(lib_, host_.api(), "strategy_ictsmc");
    if (instance.self() == nullptr) {
      err_ = instance.create_error();
      return {};
    }
    const auto& t = *lib_.interface<tb_strategy_v1>(instance.self(), TB_IFACE_STRATEGY_V1);
    tb_data_need out[4];
    std::size_t count = 0;
    EXPECT_EQ(t.data_needs(instance.self(), out, 4, &count, &err_), TB_OK) << err_.message;
    std::vector<std::pair<std::string, std::uint32_t>> result;
    for (std::size_t i = 0; i < count && i < 4; ++i) {
      result.emplace_back(out[i].interval, out[i].lookback);
    }
    return result;
  }

  plugin_library lib_;
  fake_host host_;
  tb_error err_{};
};

using need_list = std::vector<std::pair<std::string, std::uint32_t>>;

TEST_F(strategy_ictsmc, needs_1h_and_4h_by_200_by_default) {
  EXPECT_EQ(needs("{}"), (need_list{{"1h", 200}, {"4h", 200}}));
}

TEST_F(strategy_ictsmc, takes_its_needs_from_the_settings) {
  EXPECT_EQ(needs(R"({"entry_interval": "15m", "entry_lookback": 300, "bias_interval": "1d",
                      "bias_lookback": 90})"),
            (need_list{{"15m", 300}, {"1d", 90}}));
  EXPECT_EQ(needs(R"({"bias_lookback": 1500, "note": "x"})"),
            (need_list{{"1h", 200}, {"4h", 1500}}));
  EXPECT_TRUE(host_.logged(TB_LOG_WARN, "unknown setting \"note\" ignored")) << host_.all_logs();
}

TEST_F(strategy_ictsmc, refuses_bad_settings_at_create) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"entry_interval": "7m"})", "entry_interval must be a Binance interval"},
      {R"({"bias_lookback": 0})", "bias_lookback must be a whole number of candles from 1 to 1500"},
      {R"({"entry_lookback": 1501})", "entry_lookback must be"},
      {R"({"entry_interval": "4h", "bias_interval": "1h"})",
       "bias_interval (1h) must be longer than entry_interval (4h)"},
      {R"([1, 2])", "expected a mapping"},
      {R"({"entry_interval": )", "not valid JSON"},
  };
  for (const auto& [settings, message] : bad) {
    EXPECT_TRUE(needs(settings).empty()) << settings;
    EXPECT_EQ(err_.code, TB_E_INVALID_ARGUMENT) << settings;
    EXPECT_CONTAINS(err_.message, "strategy_ictsmc 0.2.0: settings: ");
    EXPECT_CONTAINS(err_.message, message);
  }
}

// The hand-built scenario of the plugin's own tests (setup_scenario.hpp) through the C ABI,
// with an extra symbol that lacks its bias series and an entry candle still open.
TEST_F(strategy_ictsmc, on_scan_emits_the_setup_of_the_newest_closed_candle) {
  host_.config = R"({"entry_swing_length": 1, "bias_swing_length": 1, "kill_zones": [],
                     "stop_buffer_atr": 0})";
  plugin_instance instance(lib_, host_.api(), "strategy_ictsmc");
  ASSERT_NE(instance.self(), nullptr) << instance.create_error().message;
  const auto& t = *lib_.interface<tb_strategy_v1>(instance.self(), TB_IFACE_STRATEGY_V1);

  const auto to_candles = [](const ictsmc::ohlcv& c, std::int64_t interval_ms) {
    std::vector<tb_candle> out;
    for (std::size_t i = 0; i < c.size(); ++i) {
      out.push_back({c.time_ms[i], c.time_ms[i] + interval_ms - 1, c.open[i], c.high[i], c.low[i],
                     c.close[i], 1, 100, 10, TB_CANDLE_CLOSED, 0});
    }
    return out;
  };
  constexpr std::int64_t hour = ictsmc::testing::hour_ms;
  std::vector<tb_candle> entry = to_candles(ictsmc::testing::scenario_entry(), hour);
  const std::vector<tb_candle> bias = to_candles(ictsmc::testing::scenario_bias(), 4 * hour);
  const std::int64_t decided_close = entry.back().close_time_ms;
  tb_candle open = entry.back();  // the next hour, still forming: not analysed
  open.open_time_ms += hour;
  open.close_time_ms += hour;
  open.flags = 0;
  entry.push_back(open);
  const auto series = [](const char* symbol, std::uint32_t id, const char* interval,
                         std::uint32_t seconds, const std::vector<tb_candle>& candles) {
    tb_series s{};
    s.struct_size = sizeof s;
    s.symbol = symbol;
    s.symbol_id = id;
    s.interval = interval;
    s.interval_s = seconds;
    s.candles = candles.data();
    s.count = candles.size();
    s.candle_stride = sizeof(tb_candle);
    return s;
  };
  const std::vector<tb_series> batch = {series("ETHUSDT", 2, "1h", 3600, entry),
                                        series("BTCUSDT", 1, "4h", 14400, bias),
                                        series("BTCUSDT", 1, "1h", 3600, entry)};

  testing::recording_signal_sink sink;
  ASSERT_EQ(t.on_scan(instance.self(), batch.data(), batch.size(), sink.raw(), &err_), TB_OK)
      << err_.message;
  ASSERT_EQ(sink.signals.size(), 1u);
  const emitted_signal& got = sink.signals[0];
  EXPECT_EQ(got.symbol, "BTCUSDT");
  EXPECT_EQ(got.raw.symbol_id, 1u);
  EXPECT_EQ(got.raw.side, TB_SIDE_LONG);
  EXPECT_EQ(got.raw.interval_s, 3600u);
  EXPECT_EQ(got.raw.time_ms, decided_close);
  EXPECT_EQ(got.raw.entry, 103.5);
  EXPECT_EQ(got.raw.stop_loss, 99);
  EXPECT_EQ(got.raw.take_profit, 113);
  EXPECT_NEAR(got.raw.confidence, 0.9027777777777778, 1e-12);
  EXPECT_CONTAINS(got.reason, "long: 4h bias bullish (BOS through 12); retest of bullish order block");

  // Without a bias series for any symbol there is nothing to decide.
  testing::recording_signal_sink quiet;
  ASSERT_EQ(t.on_scan(instance.self(), batch.data() + 2, 1, quiet.raw(), &err_), TB_OK);
  EXPECT_TRUE(quiet.signals.empty());
}

// ---- notify_discord

// Delivery and commands are tested against the fake Discord in plugins/notify_discord/tests.
TEST(notify_discord, without_a_destination_it_is_not_created_and_says_what_to_set) {
  const plugin_library lib(TB_NOTIFY_DISCORD_PATH);
  fake_host host;
  plugin_instance instance(lib, host.api(), "discord_ops");
  EXPECT_EQ(instance.self(), nullptr);
  EXPECT_EQ(instance.create_error().code, TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(instance.create_error().message, "set token and channel_id");
  EXPECT_CONTAINS(instance.create_error().message, "webhook_url");
}

}  // namespace
}  // namespace tb::sdk
