#pragma once
// The one simulated trading account (One-way mode, USDT margin): wallet, positions, open LIMIT
// orders, order history and every fill (trade). Orders match against the simulated last price:
// MARKET at once with slippage and the taker fee, LIMIT when the price crosses (maker fee),
// checked on every account request. Thread-safe.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/exchange_context.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

struct order_record {
  std::int64_t id = 0;
  std::string client_id;
  std::string symbol;
  std::string side;  // BUY / SELL
  std::string type;  // LIMIT / MARKET
  std::string tif = "GTC";
  std::int64_t price_ticks = 0;
  std::int64_t qty_steps = 0;
  std::int64_t executed_steps = 0;
  double cum_quote = 0;
  bool reduce_only = false;
  std::string status = "NEW";
  std::int64_t time = 0;
  std::int64_t update_time = 0;
};

struct algo_record {
  std::int64_t algo_id = 0;
  std::string client_algo_id;
  std::string symbol;
  std::string side;
  std::string type;  // STOP_MARKET / TAKE_PROFIT_MARKET
  std::int64_t trigger_ticks = 0;
  std::int64_t qty_steps = 0;
  bool close_position = false;
  bool reduce_only = false;
  std::string working_type = "CONTRACT_PRICE";
  std::string status = "NEW";
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t trigger_time = 0;
  std::int64_t actual_order_id = 0;
  double actual_price = 0;
};

// One fill, stored once: ORDER_TRADE_UPDATE (x TRADE) and GET /fapi/v1/userTrades are both
// printed from it, so trade ids, commissions and realized PnL always agree.
struct trade_record {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  std::string symbol;
  std::string side;
  std::int64_t price_ticks = 0;
  std::int64_t qty_steps = 0;
  std::int64_t realized_units = 0;    // 1e-8 USDT, as applied to the wallet
  std::int64_t commission_units = 0;  // 1e-8 USDT, as applied to the wallet
  bool maker = false;
  std::int64_t time = 0;
};

struct position_record {
  std::int64_t amt_steps = 0;  // signed
  double entry_price = 0;
  int leverage = 20;
  bool isolated = false;
  std::int64_t update_time = 0;
};

class account_book {
 public:
  explicit account_book(exchange_context& ctx);

  rest_response place_order(const rest_request& r);
  rest_response cancel_order(const rest_request& r);
  rest_response query_order(const rest_request& r);
  rest_response open_orders(const rest_request& r);
  rest_response account(int version);
  rest_response balance();
  rest_response position_risk(const rest_request& r, int version);
  rest_response set_leverage(const rest_request& r);
  rest_response set_margin_type(const rest_request& r);
  rest_response listen_key(const std::string& method);
  // Test hook: expire the listen key now (listenKeyExpired is pushed on the next tick).
  void expire_listen_key();
  rest_response place_algo(const rest_request& r);
  rest_response cancel_algo(const rest_request& r);
  rest_response query_algo(const rest_request& r);
  rest_response open_algos(const rest_request& r);
  rest_response cancel_all_algos(const rest_request& r);
  rest_response user_trades(const rest_request& r);
  // Test hooks: fill `quantity` of the open LIMIT order now as a maker fill (admin), and
  // stop or resume price-driven fills of resting LIMIT orders.
  rest_response admin_fill(const std::string& symbol, const std::string& client_id, const std::string& quantity);
  void hold_limits(bool hold);
  // Runs matching (LIMIT fills, algo triggers); the server calls it periodically.
  void tick();
  // The active listen key, empty when none (for the user-data websocket).
  std::string active_listen_key();

 private:
  void match_locked(std::int64_t now);
  void fill_locked(order_record& o, std::int64_t steps, double price, bool maker, std::int64_t now);
  void trigger_locked(algo_record& a, double price, std::int64_t now);
  nlohmann::json algo_json(const algo_record& a, bool full) const;
  algo_record* find_algo_locked(const rest_request& r);
  // Counts an order against 10 s / 1 min per-account limits: empty when over (429 -1015).
  std::optional<std::pair<std::int64_t, std::int64_t>> count_order_locked();
  rest_response with_order_counts(rest_response resp, std::pair<std::int64_t, std::int64_t> counts) const;
  void emit(nlohmann::json event);
  // `fill` is the trade behind an x TRADE event, null otherwise.
  void emit_order_update(const order_record& o, const std::string& exec, const trade_record* fill, std::int64_t now);
  void emit_algo_update(const algo_record& a, std::int64_t now);
  nlohmann::json order_json(const order_record& o, bool full) const;
  order_record* find_locked(const rest_request& r, const std::string& symbol);
  double last_price(const symbol_spec& spec, std::int64_t now);
  double unrealized_locked(std::int64_t now);
  double wallet() const { return static_cast<double>(wallet_units_) / 1e8; }

  exchange_context& ctx_;
  std::mutex mutex_;
  // In 1e-8 USDT: fills add their rounded realized PnL and commission exactly, so the printed
  // balance moves by exactly the sum of what userTrades and the events print.
  std::int64_t wallet_units_;
  std::int64_t next_order_id_ = 8'000'000'001;
  std::int64_t next_trade_id_ = 1;
  std::vector<trade_record> trades_;  // ids ascending
  bool hold_limits_ = false;
  std::map<std::int64_t, order_record> orders_;
  std::map<std::int64_t, algo_record> algos_;
  std::deque<std::chrono::steady_clock::time_point> order_times_;
  std::int64_t next_algo_id_ = 3'000'000'001;
  std::map<std::string, position_record> positions_;
  std::string listen_key_;
  std::int64_t listen_key_expiry_ = 0;
};

}  // namespace tb::fake
