// The fixture of the order-path integration tests: a fake-binance process with an account, the
// built plugin started against it with credentials, thin wrappers over the tb_exchange_v1
// order calls, and views of the fake's request log (which orders it received, and whether any
// of them broke a filter). TearDown checks, for every test, that no order request the fake
// received was refused for a filter and that the api secret never reached a log line.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deadline.hpp"
#include "fake_process.hpp"
#include "loaded_plugin.hpp"
#include "test_host.hpp"

namespace tb::binance::testing {

inline constexpr char fake_api_key[] = "orders-test-key";
inline constexpr char fake_api_secret[] = "orders-test-secret-never-logged-7f3a";

// An order as the host would hand it over (tb_order_request), built field by field.
struct order_spec {
  std::int32_t side = TB_SIDE_LONG;
  std::int32_t type = TB_ORDER_LIMIT;
  std::uint32_t flags = 0;
  std::string symbol = "BTCUSDT";
  std::string quantity;
  std::string price;
  std::string stop_price;
  std::string client_id;
  tb_order_request raw() const;
};

order_spec limit(std::int32_t side, const std::string& qty, const std::string& price,
                 const std::string& id);
order_spec market(std::int32_t side, const std::string& symbol, const std::string& qty,
                  const std::string& id);
// A stop or target protecting a position: closePosition when `qty` is empty, else reduce-only.
order_spec protective(std::int32_t type, std::int32_t side, const std::string& trigger,
                      const std::string& qty, const std::string& id);

// A C string field of an ABI struct as std::string.
inline std::string text(const char* field) { return field; }

// A value of a URL-encoded query ("a=1&b=2"), empty when absent.
std::string query_param(const std::string& query, const std::string& key);

class order_fixture : public ::testing::Test {
 protected:
  // Starts the fake with `fake_args` and the plugin with `secret`.
  void start(const std::vector<std::string>& fake_args = {},
             const std::string& secret = fake_api_secret);
  void TearDown() override;

  tb_status place(const order_spec& order, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  tb_status query(const std::string& symbol, const std::string& client_id);
  tb_status cancel(const std::string& symbol, const std::string& client_id);
  std::vector<tb_order_state> open_orders(const char* symbol);
  // get_order_fills (ABI 1.2); expects TB_OK.
  std::vector<tb_fill> fills(const std::string& symbol, const std::string& client_id);
  std::vector<tb_position> positions();
  std::vector<tb_balance> balances();
  // A BTCUSDT position of 0.002 opened at market (side: TB_SIDE_*).
  void open_position(std::int32_t side, const std::string& id);
  // The signed BTCUSDT position quantity, 0 when flat.
  double btc_position();
  // Polls query_order until the order reaches `state` or 10 s pass.
  bool wait_for_state(const std::string& id, std::int32_t state);

  // The fake's current mark price of `symbol`.
  double mark(const std::string& symbol);
  // `value` as text on the symbol's tick grid.
  std::string price_text(const std::string& symbol, double value);
  // Order POSTs (/fapi/v1/order and /fapi/v1/algoOrder) the fake received for `client_id`.
  std::vector<nlohmann::json> order_posts(const std::string& client_id);
  // How many of those the fake executed (answered 200, or executed with the answer lost).
  std::size_t executed(const std::string& client_id);
  bool logged(const std::string& fragment) const;

  test_host host_;
  std::unique_ptr<fake_process> fake_;
  std::unique_ptr<loaded_plugin> plugin_;
  tb_error err_{};
  tb_order_state state_{}; // the last place/query/cancel answer
  std::string secret_;

 private:
  const nlohmann::json& filters_of(const std::string& symbol);
  void expect_order_requests_clean();
  nlohmann::json exchange_info_;
};

}  // namespace tb::binance::testing
