// exchange_binance.so's user-data stream (subscribe_account) against fake-binance: order,
// conditional-order, position and balance updates; a dropped stream whose missed changes come
// back through the REST resync; the listen key's keep-alive, loss, expiry and deletion.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_process.hpp"
#include "plugin_net/http_client.hpp"
#include "loaded_plugin.hpp"
#include "order_fixture.hpp"
#include "test_host.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

using account_t = recording_sink::account_events;
using statuses_t = std::vector<std::pair<std::string, int32_t>>;

constexpr char api_key[] = "uds-test-key";
constexpr char api_secret[] = "uds-test-secret-never-logged";

std::size_t count_status(const statuses_t& all, int32_t status) {
  std::size_t n = 0;
  for (const auto& s : all) n += s.first == "account" && s.second == status ? 1 : 0;
  return n;
}

const tb_order_state* find_order(const account_t& a, const std::string& client_id, int32_t state) {
  for (const auto& o : a.orders) {
    if (client_id == o.client_order_id && o.state == state) return &o;
  }
  return nullptr;
}

const tb_position* last_position(const account_t& a, const std::string& symbol) {
  const tb_position* found = nullptr;
  for (const auto& p : a.positions) found = symbol == p.symbol ? &p : found;
  return found;
}

class user_data_stream_test : public ::testing::Test {
 protected:
  void start(std::uint32_t keepalive_s = 1800) {
    fake_ = std::make_unique<fake_process>(std::vector<std::string>{
        "--symbols", "20", "--api-key", api_key, "--api-secret", api_secret});
    host_.add_bucket("binance.ip_weight", 2400, 60s);
    host_.config = nlohmann::json{{"rest_url", fake_->rest_url()}, {"ws_url", fake_->ws_url()},
                                  {"api_key", api_key}, {"api_secret", api_secret},
                                  {"listen_key_keepalive_s", keepalive_s}}.dump();
    plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
    ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
  }
  // subscribe_account, then wait for the stream's first CONNECTED.
  void subscribe() {
    ASSERT_EQ(plugin_->exchange().subscribe_account(plugin_->self(), sink_.raw(), &err_), TB_OK)
        << err_.message;
    ASSERT_TRUE(sink_.wait_for_account([](const account_t&, const statuses_t& s) {
      return count_status(s, TB_STREAM_CONNECTED) >= 1;
    }, 15s)) << "the account stream did not connect";
  }
  void TearDown() override {
    for (const auto& line : host_.logs()) {
      EXPECT_EQ(line.find(api_key), std::string::npos) << line;
      EXPECT_EQ(line.find(api_secret), std::string::npos) << line;
      if (HasFailure()) std::cerr << "log: " << line << "\n";
    }
    if (HasFailure()) {
      for (const auto& [stream, status] : sink_.statuses()) std::cerr << "status: " << stream << " " << status << "\n";
      for (const auto& o : sink_.account().orders) std::cerr << "order: " << o.client_order_id << " " << o.state << "\n";
    }
    plugin_.reset();
    fake_.reset();
  }

  tb_status place(const order_spec& order, tb_order_state* ack = nullptr) {
    const tb_order_request request = order.raw();
    tb_order_state state{};
    state.struct_size = sizeof state;
    err_ = tb_error{};
    const tb_status s = plugin_->exchange().place_order(plugin_->self(), &request, deadline_in(10s),
                                                        &state, &err_);
    if (ack != nullptr) *ack = state;
    return s;
  }
  tb_status cancel(const std::string& symbol, const std::string& client_id) {
    tb_order_state state{};
    state.struct_size = sizeof state;
    return plugin_->exchange().cancel_order(plugin_->self(), symbol.c_str(), client_id.c_str(),
                                            deadline_in(10s), &state, &err_);
  }
  order_spec market_buy(const std::string& client_id, const char* quantity = "0.002") {
    return market(TB_SIDE_LONG, "BTCUSDT", quantity, client_id);
  }
  // An integer price (always on BTCUSDT's 0.1 grid) at `factor` times the mark.
  std::string btc_price(double factor) {
    const auto answer = fake_->admin("GET", "/fapi/v1/premiumIndex?symbol=BTCUSDT");
    return std::to_string(static_cast<long>(std::stod(answer.at("markPrice").get<std::string>()) * factor));
  }
  std::size_t requests(const char* method, const std::string& path) {
    std::size_t n = 0;
    for (const auto& r : fake_->requests(path)) n += r.value("method", "") == method ? 1 : 0;
    return n;
  }
  // Polls the fake's request log until `method path` was seen `count` times.
  bool wait_for_requests(const char* method, const std::string& path, std::size_t count,
                         std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (requests(method, path) < count) {
      if (std::chrono::steady_clock::now() >= until) return false;
      std::this_thread::sleep_for(50ms);
    }
    return true;
  }

  test_host host_;
  recording_sink sink_;
  std::unique_ptr<fake_process> fake_;
  std::unique_ptr<loaded_plugin> plugin_;
  tb_error err_{};
};

TEST_F(user_data_stream_test, a_market_order_pushes_new_filled_position_and_balance) {
  start();
  subscribe();
  const std::size_t balances_before = sink_.account().balances.size();  // the connect resync
  ASSERT_EQ(place(market_buy("uds-mkt-1")), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for_account([&](const account_t& a, const statuses_t&) {
    const tb_position* p = last_position(a, "BTCUSDT");
    return find_order(a, "uds-mkt-1", TB_ORDER_STATE_NEW) && find_order(a, "uds-mkt-1", TB_ORDER_STATE_FILLED) &&
           p != nullptr && std::string(p->quantity) == "0.002" && a.balances.size() > balances_before;
  }, 15s)) << "the order, position and balance updates did not all arrive";
  const account_t a = sink_.account();
  const tb_order_state& filled = *find_order(a, "uds-mkt-1", TB_ORDER_STATE_FILLED);
  EXPECT_EQ(filled.side, TB_SIDE_LONG);
  EXPECT_EQ(filled.type, TB_ORDER_MARKET);
  EXPECT_STREQ(filled.symbol, "BTCUSDT");
  EXPECT_STREQ(filled.quantity, "0.002");
  EXPECT_STREQ(filled.filled_quantity, "0.002");
  EXPECT_STREQ(filled.last_fill_quantity, "0.002");
  EXPECT_STRNE(filled.exchange_order_id, "");
  EXPECT_STRNE(filled.average_price, "");
  EXPECT_STRNE(filled.last_fill_price, "");
  EXPECT_STRNE(filled.commission, "");
  EXPECT_STREQ(filled.commission_asset, "USDT");
  EXPECT_GT(filled.update_time_ms, 0);
  EXPECT_STREQ(a.balances.back().asset, "USDT");
  // The private route with the key in the query, and one listen key for one subscription.
  bool routed = false;
  for (const auto& r : fake_->requests("/private/ws")) {
    routed = routed || (r.value("method", "") == "WS" && r.value("query", "").rfind("listenKey=", 0) == 0);
  }
  EXPECT_TRUE(routed);
  EXPECT_EQ(requests("POST", "/fapi/v1/listenKey"), 1u);
  // A second subscription is refused: the stream runs until stop().
  EXPECT_EQ(plugin_->exchange().subscribe_account(plugin_->self(), sink_.raw(), &err_), TB_E_STATE);
}

TEST_F(user_data_stream_test, a_stop_market_order_pushes_its_algo_updates) {
  start();
  subscribe();
  order_spec stop;
  stop.type = TB_ORDER_STOP_MARKET;
  stop.quantity = "0.002";
  stop.stop_price = btc_price(1.5);  // a buy stop far above: it waits
  stop.client_id = "uds-stop-1";
  ASSERT_EQ(place(stop), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-stop-1", TB_ORDER_STATE_NEW) != nullptr;
  }, 15s)) << "no ALGO_UPDATE NEW";
  const tb_order_state waiting = *find_order(sink_.account(), "uds-stop-1", TB_ORDER_STATE_NEW);
  EXPECT_EQ(waiting.type, TB_ORDER_STOP_MARKET);
  EXPECT_EQ(std::stod(waiting.stop_price), std::stod(stop.stop_price));
  EXPECT_STRNE(waiting.exchange_order_id, "");
  ASSERT_EQ(cancel("BTCUSDT", "uds-stop-1"), TB_OK) << err_.message;
  EXPECT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-stop-1", TB_ORDER_STATE_CANCELED) != nullptr;
  }, 15s)) << "no ALGO_UPDATE CANCELED";
}

TEST_F(user_data_stream_test, changes_missed_while_dropped_come_back_through_the_resync) {
  start();
  subscribe();
  // Far below the market: it rests.
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.002", btc_price(0.7), "uds-rest-1")), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-rest-1", TB_ORDER_STATE_NEW) != nullptr;
  }, 15s));
  // The private route goes down for 3 s: what happens meanwhile is never pushed by Binance.
  fake_->admin("POST", "/_admin/ws/drop", {{"route", "private"}, {"refuseMs", 3000}});
  ASSERT_TRUE(sink_.wait_for_account([](const account_t&, const statuses_t& s) {
    return count_status(s, TB_STREAM_DISCONNECTED) >= 1;
  }, 15s));
  ASSERT_EQ(cancel("BTCUSDT", "uds-rest-1"), TB_OK) << err_.message;
  ASSERT_EQ(place(market_buy("uds-mkt-2", "0.003")), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t& s) {
    const tb_position* p = last_position(a, "BTCUSDT");
    return count_status(s, TB_STREAM_CONNECTED) >= 2 && find_order(a, "uds-rest-1", TB_ORDER_STATE_CANCELED) &&
           p != nullptr && std::string(p->quantity) == "0.003";
  }, 30s)) << "the cancel and the new position were not recovered";
  // Both came from REST: the order was looked up by its client id after the reconnect.
  bool looked_up = false;
  for (const auto& r : fake_->requests("/fapi/v1/order")) {
    looked_up = looked_up || (r.value("method", "") == "GET" &&
                              query_param(r.value("query", ""), "origClientOrderId") == "uds-rest-1");
  }
  EXPECT_TRUE(looked_up);
  EXPECT_GE(requests("GET", "/fapi/v1/openOrders"), 2u);
  EXPECT_GE(requests("GET", "/fapi/v2/positionRisk"), 2u);
  EXPECT_GE(requests("WS", "/private/ws"), 2u);  // refused attempts included
  // And the stream itself works again.
  ASSERT_EQ(place(market_buy("uds-mkt-3", "0.001")), TB_OK) << err_.message;
  EXPECT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-mkt-3", TB_ORDER_STATE_FILLED) != nullptr;
  }, 15s));
}

TEST_F(user_data_stream_test, the_key_is_kept_alive_and_a_lost_key_is_replaced) {
  start(1);
  subscribe();
  ASSERT_TRUE(wait_for_requests("PUT", "/fapi/v1/listenKey", 1, 10s)) << "no keep-alive PUT";
  // The key disappears behind the plugin's back: the next PUT answers -1125.
  net::http_client client(net::parse_endpoint(fake_->rest_url()), 1, "uds-test");
  net::http_request del;
  del.method = "DELETE";
  del.target = "/fapi/v1/listenKey";
  del.headers.emplace_back("X-MBX-APIKEY", api_key);
  ASSERT_EQ(client.send(del, std::chrono::steady_clock::now() + 5s, false).status, 200u);
  ASSERT_TRUE(sink_.wait_for_account([](const account_t&, const statuses_t& s) {
    return count_status(s, TB_STREAM_DISCONNECTED) >= 1 && count_status(s, TB_STREAM_CONNECTED) >= 2;
  }, 15s)) << "no reconnect after -1125";
  EXPECT_GE(requests("POST", "/fapi/v1/listenKey"), 2u);
  ASSERT_EQ(place(market_buy("uds-mkt-4")), TB_OK) << err_.message;
  EXPECT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-mkt-4", TB_ORDER_STATE_FILLED) != nullptr;
  }, 15s)) << "the stream did not resume on the new key";
}

TEST_F(user_data_stream_test, an_expired_key_is_replaced_and_the_stream_resumes) {
  start();
  subscribe();
  fake_->admin("POST", "/_admin/listen-key/expire");
  ASSERT_TRUE(sink_.wait_for_account([](const account_t&, const statuses_t& s) {
    return count_status(s, TB_STREAM_DISCONNECTED) >= 1 && count_status(s, TB_STREAM_CONNECTED) >= 2;
  }, 15s)) << "no reconnect after listenKeyExpired";
  EXPECT_EQ(requests("POST", "/fapi/v1/listenKey"), 2u);
  std::vector<std::string> keys;
  for (const auto& r : fake_->requests("/private/ws")) keys.push_back(query_param(r.value("query", ""), "listenKey"));
  ASSERT_GE(keys.size(), 2u);
  EXPECT_NE(keys.front(), keys.back());
  ASSERT_EQ(place(market_buy("uds-mkt-5")), TB_OK) << err_.message;
  EXPECT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-mkt-5", TB_ORDER_STATE_FILLED) != nullptr;
  }, 15s));
}

TEST_F(user_data_stream_test, malformed_and_unknown_events_are_skipped_and_the_stream_goes_on) {
  start();
  subscribe();
  for (const char* text : {"not json", R"({"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"BTCUSDT"}})",
                           R"({"e":"ACCOUNT_CONFIG_UPDATE","E":1,"ac":{"s":"BTCUSDT","l":20}})"}) {
    fake_->admin("POST", "/_admin/user-event", {{"text", text}});
  }
  ASSERT_EQ(place(market_buy("uds-mkt-6")), TB_OK) << err_.message;
  ASSERT_TRUE(sink_.wait_for_account([](const account_t& a, const statuses_t&) {
    return find_order(a, "uds-mkt-6", TB_ORDER_STATE_FILLED) != nullptr;
  }, 15s));
  EXPECT_EQ(count_status(sink_.statuses(), TB_STREAM_DISCONNECTED), 0u);
  std::size_t malformed = 0;
  bool named = false;
  bool ignored = false;
  for (const auto& line : host_.logs()) {
    if (line.find("malformed event ignored") == std::string::npos) {
      ignored = ignored || line.find("event ACCOUNT_CONFIG_UPDATE ignored") != std::string::npos;
      continue;
    }
    ++malformed;
    named = named || line.find("ORDER_TRADE_UPDATE: no \"X\"") != std::string::npos;
  }
  EXPECT_EQ(malformed, 2u);
  EXPECT_TRUE(named) << "the warning names the event and the missing field";
  EXPECT_TRUE(ignored) << "the unknown event is ignored with a debug line";
  for (const auto& o : sink_.account().orders) EXPECT_STRNE(o.client_order_id, "");
}

TEST_F(user_data_stream_test, stop_deletes_the_listen_key_and_pushes_nothing_more) {
  start();
  subscribe();
  plugin_->stop();
  ASSERT_EQ(requests("DELETE", "/fapi/v1/listenKey"), 1u);
  for (const auto& r : fake_->requests("/fapi/v1/listenKey")) {
    if (r.value("method", "") == "DELETE") {
      EXPECT_EQ(r.value("status", 0), 200);
    }
  }
  // A stream thread still running after stop() would report a status within a second.
  const std::size_t statuses = sink_.statuses().size();
  EXPECT_FALSE(sink_.wait_for_account([&](const account_t&, const statuses_t& s) {
    return s.size() > statuses;
  }, 1s)) << "a stream status arrived after stop() returned";
}

TEST_F(user_data_stream_test, without_credentials_the_account_stream_is_refused) {
  fake_ = std::make_unique<fake_process>(std::vector<std::string>{"--symbols", "20"});
  host_.config = nlohmann::json{{"rest_url", fake_->rest_url()}, {"ws_url", fake_->ws_url()}}.dump();
  plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
  ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
  EXPECT_EQ(plugin_->exchange().subscribe_account(plugin_->self(), sink_.raw(), &err_), TB_E_AUTH);
  EXPECT_NE(std::string(err_.message).find("subscribe_account"), std::string::npos) << err_.message;
}

}  // namespace
}  // namespace tb::binance::testing
