// The code TB_PLUGIN_* generates, driven through the C ABI as the host drives it: fixture
// plugins built with tb_add_plugin, opened with dlopen, called through their tables.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "plugin_library.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {
namespace {

using testing::fake_host;
using testing::plugin_instance;
using testing::plugin_library;
using testing::recording_market_sink;
using testing::recording_signal_sink;

std::string contains_msg(const std::string& text, const std::string& needle) {
  return "\"" + text + "\" should contain \"" + needle + "\"";
}
#define EXPECT_CONTAINS(text, needle) \
  EXPECT_NE(std::string(text).find(needle), std::string::npos) << contains_msg(text, needle)

std::vector<tb_candle> candles(int count) {
  std::vector<tb_candle> out(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    auto& c = out[static_cast<std::size_t>(i)];
    c.open_time_ms = i * 60000;
    c.close_time_ms = c.open_time_ms + 59999;
    c.high = 110 + i;
    c.low = 90 + i;
    c.close = 100 + i;
    c.flags = TB_CANDLE_CLOSED;
  }
  return out;
}

tb_series series(const char* symbol, const std::vector<tb_candle>& data) {
  tb_series s{};
  s.struct_size = sizeof s;
  s.symbol_id = static_cast<std::uint32_t>(std::strlen(symbol));
  s.symbol = symbol;
  s.interval = "1m";
  s.interval_s = 60;
  s.candle_stride = sizeof(tb_candle);
  s.count = data.size();
  s.candles = data.data();
  return s;
}

// ---- The descriptor and get_interface

TEST(exported_descriptor, describes_the_plugin) {
  const plugin_library lib(TB_TEST_STRATEGY_PATH);
  const tb_plugin_descriptor& d = lib.descriptor();
  EXPECT_EQ(d.struct_size, sizeof(tb_plugin_descriptor));
  EXPECT_EQ(d.abi_major, TB_ABI_MAJOR);
  EXPECT_EQ(d.abi_minor, TB_ABI_MINOR);
  EXPECT_EQ(d.kind, TB_KIND_STRATEGY);
  EXPECT_STREQ(d.id, "sdk_test_strategy");
  EXPECT_STREQ(d.version, "9.8.7");
  EXPECT_STREQ(d.description, "SDK test strategy");
  EXPECT_CONTAINS(d.build_info, "gcc ");
  EXPECT_CONTAINS(d.build_info, "_GLIBCXX_USE_CXX11_ABI=1");
  EXPECT_CONTAINS(d.build_info, "TradingBot SDK 0.1.0");
  EXPECT_CONTAINS(d.build_info, "ABI 1.5");
  for (auto fn : {reinterpret_cast<const void*>(d.create), reinterpret_cast<const void*>(d.start),
                  reinterpret_cast<const void*>(d.stop), reinterpret_cast<const void*>(d.destroy),
                  reinterpret_cast<const void*>(d.get_interface)}) {
    EXPECT_NE(fn, nullptr);
  }
}

TEST(exported_descriptor, answers_only_its_own_interface_id) {
  const plugin_library strategy(TB_TEST_STRATEGY_PATH);
  const plugin_library exchange(TB_TEST_EXCHANGE_PATH);
  const plugin_library notifier(TB_TEST_NOTIFIER_PATH);
  const auto* s = strategy.interface<tb_strategy_v1>(nullptr, TB_IFACE_STRATEGY_V1);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->struct_size, sizeof(tb_strategy_v1));
  EXPECT_TRUE(s->data_needs && s->on_scan && s->save_state && s->load_state);
  const auto* e = exchange.interface<tb_exchange_v1>(nullptr, TB_IFACE_EXCHANGE_V1);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->struct_size, sizeof(tb_exchange_v1));
  EXPECT_TRUE(e->list_symbols && e->fetch_candles && e->subscribe_candles &&
              e->unsubscribe_candles && e->get_balances && e->get_positions && e->place_order &&
              e->cancel_order && e->query_order && e->list_open_orders && e->set_leverage &&
              e->set_margin_type && e->subscribe_account);
  const auto* n = notifier.interface<tb_notifier_v1>(nullptr, TB_IFACE_NOTIFIER_V1);
  ASSERT_NE(n, nullptr);
  EXPECT_TRUE(n->notify && n->flush);
  EXPECT_EQ(exchange.descriptor().kind, TB_KIND_EXCHANGE);
  EXPECT_EQ(notifier.descriptor().kind, TB_KIND_NOTIFIER);

  for (const char* other : {TB_IFACE_EXCHANGE_V1, TB_IFACE_NOTIFIER_V1, "tb.strategy/2",
                            "tb.strategy", ""}) {
    EXPECT_EQ(strategy.descriptor().get_interface(nullptr, other), nullptr) << other;
  }
  EXPECT_EQ(strategy.descriptor().get_interface(nullptr, nullptr), nullptr);
  EXPECT_EQ(exchange.descriptor().get_interface(nullptr, TB_IFACE_STRATEGY_V1), nullptr);
}

// ---- create / start / stop / destroy

TEST(exported_create, refuses_a_missing_or_foreign_host_table) {
  const plugin_library lib(TB_TEST_STRATEGY_PATH);
  tb_error err{};
  EXPECT_EQ(lib.descriptor().create(nullptr, "x", &err), nullptr);
  EXPECT_EQ(err.code, TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err.message, "sdk_test_strategy: create: the host API table is NULL");

  fake_host tiny;
  tiny.table().struct_size = 4;
  EXPECT_EQ(lib.descriptor().create(tiny.api(), "x", &err), nullptr);
  EXPECT_CONTAINS(err.message, "too small (struct_size 4)");

  fake_host v2;
  v2.table().abi_major = 2;
  EXPECT_EQ(lib.descriptor().create(v2.api(), "x", nullptr), nullptr);
}

TEST(exported_create, turns_constructor_exceptions_into_errors) {
  const plugin_library lib(TB_TEST_STRATEGY_PATH);
  fake_host host;
  tb_error err{};
  EXPECT_EQ(lib.descriptor().create(host.api(), "throw_in_ctor", &err), nullptr);
  EXPECT_EQ(err.code, TB_E_INVALID_ARGUMENT);
  EXPECT_STREQ(err.message, "test_strategy: bad settings");
  EXPECT_EQ(lib.descriptor().create(host.api(), "throw_std_in_ctor", &err), nullptr);
  EXPECT_EQ(err.code, TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err.message, "sdk_test_strategy: create: unexpected exception: ctor boom");
}

TEST(exported_lifecycle, starts_stops_and_reports_failures) {
  const plugin_library lib(TB_TEST_STRATEGY_PATH);
  fake_host host;
  {
    plugin_instance ok(lib, host.api(), "main");
    ASSERT_NE(ok.self(), nullptr) << ok.create_error().message;
    EXPECT_EQ(ok.start(nullptr), TB_OK);
    EXPECT_TRUE(host.logged(TB_LOG_INFO, "started main"));
  }
  plugin_instance failing(lib, host.api(), "fail_start");
  tb_error err{};
  EXPECT_EQ(failing.start(&err), TB_E_STATE);
  EXPECT_STREQ(err.message, "cannot start");
  EXPECT_EQ(lib.descriptor().start(nullptr, &err), TB_E_INVALID_ARGUMENT);

  {
    plugin_instance throwing(lib, host.api(), "throw_in_stop");
    ASSERT_EQ(throwing.start(nullptr), TB_OK);
  }  // stop() throws: logged, not propagated
  EXPECT_TRUE(host.logged(TB_LOG_ERROR,
                          "sdk_test_strategy: stop: unexpected exception: stop boom"))
      << host.all_logs();
  lib.descriptor().stop(nullptr);
  lib.descriptor().destroy(nullptr);
}

// ---- tb_strategy_v1

class exported_strategy : public ::testing::Test {
 protected:
  exported_strategy()
      : lib_(TB_TEST_STRATEGY_PATH),
        instance_(lib_, host_.api(), "main"),
        table_(*lib_.interface<tb_strategy_v1>(instance_.self(), TB_IFACE_STRATEGY_V1)) {}

  plugin_library lib_;
  fake_host host_;
  plugin_instance instance_;
  const tb_strategy_v1& table_;
  tb_error err_{};
};

TEST_F(exported_strategy, data_needs_reports_the_count_then_fills_the_buffer) {
  std::size_t count = 99;
  EXPECT_EQ(table_.data_needs(instance_.self(), nullptr, 0, &count, &err_), TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 2u);
  EXPECT_CONTAINS(err_.message, "sdk_test_strategy: data_needs: 2 items do not fit");
  std::vector<tb_data_need> needs(count);
  EXPECT_EQ(table_.data_needs(instance_.self(), needs.data(), needs.size(), &count, &err_), TB_OK);
  EXPECT_EQ(needs[0].struct_size, sizeof(tb_data_need));
  EXPECT_STREQ(needs[0].interval, "15m");
  EXPECT_EQ(needs[0].lookback, 100u);
  EXPECT_STREQ(needs[1].interval, "4h");
  EXPECT_EQ(needs[1].lookback, 50u);
  EXPECT_EQ(table_.data_needs(instance_.self(), needs.data(), 2, nullptr, &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(table_.data_needs(instance_.self(), nullptr, 2, &count, &err_), TB_E_INVALID_ARGUMENT);
}

TEST_F(exported_strategy, data_needs_refuses_an_interval_that_does_not_fit) {
  plugin_instance bad(lib_, host_.api(), "bad_interval");
  tb_data_need need[1];
  std::size_t count = 0;
  EXPECT_EQ(table_.data_needs(bad.self(), need, 1, &count, &err_), TB_E_INTERNAL);
  EXPECT_CONTAINS(err_.message, "interval \"12345678\" must be 1 to 7 characters");
}

TEST_F(exported_strategy, on_scan_emits_signals_through_the_sink) {
  const auto a = candles(3);
  const auto b = candles(5);
  const tb_series batch[] = {series("BTCUSDT", a), series("ETHUSDT", b)};
  recording_signal_sink sink;
  ASSERT_EQ(table_.on_scan(instance_.self(), batch, 2, sink.raw(), &err_), TB_OK) << err_.message;
  ASSERT_EQ(sink.signals.size(), 2u);
  const auto& s = sink.signals[1];
  EXPECT_EQ(s.raw.struct_size, sizeof(tb_signal));
  EXPECT_EQ(s.symbol, "ETHUSDT");
  EXPECT_EQ(s.raw.symbol_id, 7u);
  EXPECT_EQ(s.raw.side, TB_SIDE_SHORT);
  EXPECT_EQ(s.raw.interval_s, 60u);
  EXPECT_EQ(s.raw.time_ms, 4 * 60000 + 59999);
  EXPECT_EQ(s.raw.entry, 104.0);
  EXPECT_EQ(s.raw.stop_loss, 114.0);
  EXPECT_EQ(s.raw.take_profit, 94.0);
  EXPECT_EQ(s.raw.confidence, 0.75);
  EXPECT_EQ(s.reason, "test: ETHUSDT");
  EXPECT_EQ(table_.on_scan(instance_.self(), nullptr, 0, sink.raw(), &err_), TB_OK);
}

TEST_F(exported_strategy, on_scan_turns_exceptions_into_statuses) {
  const auto a = candles(1);
  recording_signal_sink sink;
  const tb_series sdk[] = {series("THROW_SDK", a)};
  EXPECT_EQ(table_.on_scan(instance_.self(), sdk, 1, sink.raw(), &err_), TB_E_REJECTED);
  EXPECT_EQ(err_.code, TB_E_REJECTED);
  EXPECT_EQ(err_.remote_code, -1021);
  EXPECT_STREQ(err_.message, "test_strategy: rejected on purpose");

  const tb_series std_error[] = {series("THROW_STD", a)};
  EXPECT_EQ(table_.on_scan(instance_.self(), std_error, 1, sink.raw(), &err_), TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err_.message, "sdk_test_strategy: on_scan: unexpected exception: scan boom");

  const tb_series other[] = {series("THROW_INT", a)};
  EXPECT_EQ(table_.on_scan(instance_.self(), other, 1, sink.raw(), nullptr), TB_E_PLUGIN_FAULT);
}

TEST_F(exported_strategy, on_scan_refuses_malformed_input) {
  const auto a = candles(2);
  recording_signal_sink sink;
  tb_series bad = series("BTCUSDT", a);
  bad.candle_stride = 8;
  EXPECT_EQ(table_.on_scan(instance_.self(), &bad, 1, sink.raw(), &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "series[0] is malformed (struct_size 48, candle_stride 8");
  const tb_series good = series("BTCUSDT", a);
  EXPECT_EQ(table_.on_scan(instance_.self(), &good, 1, nullptr, &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "the signal sink is NULL");
  EXPECT_EQ(table_.on_scan(instance_.self(), nullptr, 3, sink.raw(), &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(table_.on_scan(nullptr, &good, 1, sink.raw(), &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_STREQ(err_.message, "on_scan: the instance pointer is NULL");
  EXPECT_TRUE(sink.signals.empty());
}

TEST_F(exported_strategy, state_round_trips_through_caller_buffers) {
  std::size_t length = 0;
  char small[4];
  EXPECT_EQ(table_.save_state(instance_.self(), small, sizeof small, &length, &err_),
            TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, 8u);
  char buf[64];
  EXPECT_EQ(table_.save_state(instance_.self(), buf, sizeof buf, &length, &err_), TB_OK);
  EXPECT_EQ(std::string(buf, length), "state-v1");

  EXPECT_EQ(table_.load_state(instance_.self(), "v2 state", 8, &err_), TB_OK);
  EXPECT_EQ(table_.save_state(instance_.self(), buf, sizeof buf, &length, &err_), TB_OK);
  EXPECT_EQ(std::string(buf, length), "v2 state");

  EXPECT_EQ(table_.load_state(instance_.self(), "corrupt", 7, &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_STREQ(err_.message, "test_strategy: cannot read the state");
  EXPECT_EQ(table_.load_state(instance_.self(), nullptr, 3, &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(table_.load_state(instance_.self(), nullptr, 0, &err_), TB_OK);
}

// ---- tb_exchange_v1

class exported_exchange : public ::testing::Test {
 protected:
  exported_exchange()
      : lib_(TB_TEST_EXCHANGE_PATH),
        instance_(lib_, host_.api(), "sdk_test_exchange"),
        table_(*lib_.interface<tb_exchange_v1>(instance_.self(), TB_IFACE_EXCHANGE_V1)) {}

  std::int64_t later() const { return host_.monotonic_ns + 1'000'000'000; }

  plugin_library lib_;
  fake_host host_;
  plugin_instance instance_;
  const tb_exchange_v1& table_;
  tb_error err_{};
};

tb_order_request order_request(const char* client_order_id) {
  tb_order_request r{};
  r.struct_size = sizeof r;
  r.side = TB_SIDE_SHORT;
  r.type = TB_ORDER_STOP_MARKET;
  r.flags = TB_ORDER_REDUCE_ONLY;
  std::strcpy(r.symbol, "BTCUSDT");
  std::strcpy(r.quantity, "0.010");
  std::strcpy(r.price, "27150.10");
  std::strcpy(r.stop_price, "26900.00");
  std::strcpy(r.client_order_id, client_order_id);
  return r;
}

TEST_F(exported_exchange, place_order_converts_request_and_ack) {
  const tb_order_request request = order_request("tb-abc-1");
  tb_order_state ack{};
  ASSERT_EQ(table_.place_order(instance_.self(), &request, later(), &ack, &err_), TB_OK)
      << err_.message;
  EXPECT_EQ(ack.struct_size, sizeof(tb_order_state));
  EXPECT_EQ(ack.state, TB_ORDER_STATE_NEW);
  EXPECT_EQ(ack.side, TB_SIDE_SHORT);
  EXPECT_EQ(ack.type, TB_ORDER_STOP_MARKET);
  EXPECT_STREQ(ack.symbol, "BTCUSDT");
  EXPECT_STREQ(ack.client_order_id, "tb-abc-1");
  EXPECT_STREQ(ack.exchange_order_id, "42");
  EXPECT_STREQ(ack.quantity, "0.010");
  EXPECT_STREQ(ack.average_price, "27150.10");
  EXPECT_STREQ(ack.stop_price, "26900.00");
  EXPECT_STREQ(ack.commission_asset, "REDUCE");
  EXPECT_EQ(ack.update_time_ms, host_.wall_ms);
}

TEST_F(exported_exchange, place_order_refuses_bad_input_and_oversized_output) {
  tb_order_state ack{};
  tb_order_request request = order_request("too_long_ack");
  EXPECT_EQ(table_.place_order(instance_.self(), &request, later(), &ack, &err_), TB_E_INTERNAL);
  EXPECT_CONTAINS(err_.message,
                  "sdk_test_exchange: place_order: order_state.exchange_order_id");
  EXPECT_CONTAINS(err_.message, "at most 31 fit");

  request = order_request("x");
  request.struct_size = 64;
  EXPECT_EQ(table_.place_order(instance_.self(), &request, later(), &ack, &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "tb_order_request.struct_size 64 is smaller");
  EXPECT_EQ(table_.place_order(instance_.self(), nullptr, later(), &ack, &err_),
            TB_E_INVALID_ARGUMENT);
  request = order_request("x");
  EXPECT_EQ(table_.place_order(instance_.self(), &request, later(), nullptr, &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "ack is NULL");
}

TEST_F(exported_exchange, list_symbols_reports_buffer_too_small_with_the_count) {
  std::size_t count = 0;
  tb_symbol_info one[1];
  EXPECT_EQ(table_.list_symbols(instance_.self(), later(), one, 1, &count, &err_),
            TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 3u);
  std::vector<tb_symbol_info> all(count);
  ASSERT_EQ(table_.list_symbols(instance_.self(), later(), all.data(), all.size(), &count, &err_),
            TB_OK);
  EXPECT_STREQ(all[2].symbol, "XRPUSDT");
  EXPECT_STREQ(all[2].base_asset, "XRP");
  EXPECT_STREQ(all[2].contract_type, "PERPETUAL");
  EXPECT_STREQ(all[2].tick_size, "0.10");
  EXPECT_EQ(all[2].status, TB_SYMBOL_TRADING);
  EXPECT_EQ(all[2].quantity_precision, 3);
}

TEST_F(exported_exchange, fetch_candles_passes_the_request_and_the_deadline) {
  std::vector<tb_candle> out(4);
  std::size_t count = 0;
  ASSERT_EQ(table_.fetch_candles(instance_.self(), "BTCUSDT", "1m", 600000, 0, 4, later(),
                                 out.data(), out.size(), &count, &err_),
            TB_OK);
  EXPECT_EQ(count, 4u);
  EXPECT_EQ(out[3].open_time_ms, 600000 + 3 * 60000);
  EXPECT_EQ(table_.fetch_candles(instance_.self(), "BTCUSDT", "1m", 0, 0, 4,
                                 host_.monotonic_ns - 1, out.data(), out.size(), &count, &err_),
            TB_E_TIMEOUT);
  EXPECT_EQ(table_.fetch_candles(instance_.self(), nullptr, "1m", 0, 0, 4, later(), out.data(),
                                 out.size(), &count, &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "fetch_candles: symbol is NULL");
}

TEST_F(exported_exchange, subscribe_candles_pushes_to_the_hosts_sink) {
  recording_market_sink sink;
  const char* symbols[] = {"BTCUSDT", "ETHUSDT"};
  ASSERT_EQ(table_.subscribe_candles(instance_.self(), symbols, 2, "1m", sink.raw(), &err_),
            TB_OK);
  EXPECT_EQ(sink.events, (std::vector<std::string>{"stream klines 1 test",
                                                   "candle BTCUSDT 1m 1000 42.500000",
                                                   "candle ETHUSDT 1m 1000 42.500000"}));
  const char* with_null[] = {"BTCUSDT", nullptr};
  EXPECT_EQ(table_.subscribe_candles(instance_.self(), with_null, 2, "1m", sink.raw(), &err_),
            TB_E_INVALID_ARGUMENT);
  EXPECT_CONTAINS(err_.message, "symbols[1] is NULL");
  EXPECT_EQ(table_.subscribe_candles(instance_.self(), symbols, 2, "1m", nullptr, &err_),
            TB_E_INVALID_ARGUMENT);
}

TEST_F(exported_exchange, what_the_plugin_does_not_override_is_unsupported) {
  std::size_t count = 0;
  tb_balance balances[2];
  EXPECT_EQ(table_.get_balances(instance_.self(), later(), balances, 2, &count, &err_),
            TB_E_UNSUPPORTED);
  EXPECT_STREQ(err_.message, "sdk_test_exchange: get_balances is not supported");
  tb_order_state state{};
  EXPECT_EQ(table_.cancel_order(instance_.self(), "BTCUSDT", "id", later(), &state, &err_),
            TB_E_UNSUPPORTED);
  EXPECT_STREQ(err_.message, "sdk_test_exchange: cancel_order is not supported");
  EXPECT_EQ(table_.list_open_orders(instance_.self(), nullptr, later(), &state, 1, &count, &err_),
            TB_E_UNSUPPORTED);
  EXPECT_EQ(table_.set_margin_type(instance_.self(), "BTCUSDT", 2, later(), &err_),
            TB_E_UNSUPPORTED);
  recording_market_sink sink;
  EXPECT_EQ(table_.subscribe_account(instance_.self(), sink.raw(), &err_), TB_E_UNSUPPORTED);
  EXPECT_STREQ(err_.message, "sdk_test_exchange: subscribe_account is not supported");
}

// ---- tb_notifier_v1

class exported_notifier : public ::testing::Test {
 protected:
  exported_notifier()
      : lib_(TB_TEST_NOTIFIER_PATH),
        instance_(lib_, host_.api(), "n"),
        table_(*lib_.interface<tb_notifier_v1>(instance_.self(), TB_IFACE_NOTIFIER_V1)) {}

  plugin_library lib_;
  fake_host host_;
  plugin_instance instance_;
  const tb_notifier_v1& table_;
  tb_error err_{};
};

TEST_F(exported_notifier, notify_converts_the_notification) {
  tb_notification note{};
  note.struct_size = sizeof note;
  note.kind = TB_NOTE_ALERT;
  note.severity = TB_SEVERITY_CRITICAL;
  note.time_ms = 123;
  note.key = "ws_down";
  note.title = "Websocket down";
  note.fields_json = "{}";
  ASSERT_EQ(table_.notify(instance_.self(), &note, &err_), TB_OK) << err_.message;
  EXPECT_TRUE(host_.logged(TB_LOG_INFO, "note kind=3 level=2 time=123 key=ws_down "
                                        "title=Websocket down body= fields={}"))
      << host_.all_logs();

  note.title = "throw";
  EXPECT_EQ(table_.notify(instance_.self(), &note, &err_), TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err_.message, "sdk_test_notifier: notify: unexpected exception: notify boom");

  note.struct_size = static_cast<std::uint32_t>(offsetof(tb_notification, fields_json));
  EXPECT_EQ(table_.notify(instance_.self(), &note, &err_), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(table_.notify(instance_.self(), nullptr, &err_), TB_E_INVALID_ARGUMENT);
}

TEST_F(exported_notifier, flush_passes_the_deadline) {
  EXPECT_EQ(table_.flush(instance_.self(), host_.monotonic_ns + 1000, &err_), TB_OK);
  EXPECT_EQ(table_.flush(instance_.self(), host_.monotonic_ns, &err_), TB_E_TIMEOUT);
  EXPECT_STREQ(err_.message, "test_notifier: flush: the deadline has passed");
}

}  // namespace
}  // namespace tb::sdk
