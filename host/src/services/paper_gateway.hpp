#pragma once
// Paper trading: an order_gateway that fills orders in the host from the live prices it is
// fed, so `mode: paper` runs the very flow of live trading without an order leaving the
// process (docs/risk-and-execution.md, "Paper mode").
//
// Fill model, per symbol, at the latest price given to on_price():
// - MARKET fills at once at the price moved against the order by slippage_bps, taker fee.
// - LIMIT fills at once like a market order when it is marketable on arrival (taker), else
//   rests and fills at its own price when a later price reaches it (maker fee).
// - STOP_MARKET triggers when the price reaches its stop price from the side it was placed
//   for (a sell stop at or below, a buy stop at or above); TAKE_PROFIT_MARKET the other way.
//   A triggered order fills like a market order; with TB_ORDER_CLOSE_POSITION it closes
//   whatever position is open then, and expires when there is none.
// - reduce-only orders (and close-position ones) never grow or flip a position.
// - Fees are charged in the quote asset on every fill; realized PnL is booked on the part of
//   a fill that reduces a position.
// Placing an id already used answers that order's state (idempotent, as the ABI promises).
// Updates go to the account sink like the exchange's user-data stream would send them, after
// the gateway's lock is released. Thread-safe.
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "services/order_gateway.hpp"

namespace tb::host {

struct paper_settings {
  std::string quote_asset = "USDT";
  double starting_balance = 10'000;
  double taker_fee_rate = 0.0004;  // Binance USD-M's regular taker rate
  double maker_fee_rate = 0.0002;
  double slippage_bps = 2;         // market and triggered fills, against the order
};

class paper_gateway final : public order_gateway {
 public:
  explicit paper_gateway(paper_settings settings);

  // The latest traded price of `symbol` at `time_ms`: resting orders that it reaches fill.
  void on_price(const std::string& symbol, double price, std::int64_t time_ms);

  exchange_status get_balances(std::int64_t deadline_ns,
                               std::vector<tb_balance>& out) override;
  exchange_status get_positions(std::int64_t deadline_ns,
                                std::vector<tb_position>& out) override;
  exchange_status place_order(const tb_order_request& request, std::int64_t deadline_ns,
                              tb_order_state& ack) override;
  exchange_status cancel_order(const std::string& symbol, const std::string& client_order_id,
                               std::int64_t deadline_ns, tb_order_state& result) override;
  exchange_status query_order(const std::string& symbol, const std::string& client_order_id,
                              std::int64_t deadline_ns, tb_order_state& result) override;
  exchange_status list_open_orders(const std::string& symbol, std::int64_t deadline_ns,
                                   std::vector<tb_order_state>& out) override;
  exchange_status set_leverage(const std::string& symbol, std::int32_t leverage,
                               std::int64_t deadline_ns) override;
  exchange_status set_margin_type(const std::string& symbol, std::int32_t margin_type,
                                  std::int64_t deadline_ns) override;
  exchange_status subscribe_account(const tb_market_sink& sink) override;
  exchange_status get_order_fills(const std::string& symbol, const std::string& client_order_id,
                                  std::int64_t deadline_ns, std::vector<tb_fill>& out) override;

  // The whole account (positions, orders, wallet, last prices) as JSON text, and back:
  // load_state replaces the account, or throws std::invalid_argument naming the bad field
  // and changes nothing. (paper_account_state.cpp)
  std::string save_state() const;
  void load_state(std::string_view text);
  // The time of the latest price the account has seen (0: none).
  std::int64_t last_price_time() const;

  // Realized PnL and fees so far, in the quote asset.
  double realized_pnl() const;
  double fees_paid() const;

 private:
  struct position {
    double quantity = 0;  // signed: > 0 long
    double entry_price = 0;
    std::int32_t leverage = 1;
    std::int32_t margin_type = 1;
  };
  struct order {
    tb_order_request request{};
    tb_order_state state{};
  };
  struct events {
    std::vector<tb_order_state> orders;
    std::vector<tb_position> positions;
    bool balance = false;
  };

  // All of these run under mutex_.
  void fill(order& o, double price, bool taker, std::int64_t time_ms, events& out);
  bool triggered(const order& o, double price) const;
  tb_position position_state(const std::string& symbol) const;
  tb_balance balance_state() const;
  void publish(const events& happened) const;  // without the lock
  // Fills or triggers what the price of `symbol` reaches now.
  void match(const std::string& symbol, events& out);

  paper_settings settings_;
  mutable std::mutex mutex_;
  std::map<std::string, order> orders_;  // by client order id
  std::map<std::string, std::vector<tb_fill>> fills_;  // by client order id
  std::int64_t trade_count_ = 0;
  std::map<std::string, position> positions_;
  std::map<std::string, double> prices_;
  double realized_ = 0;
  double fees_ = 0;
  std::int64_t now_ms_ = 0;
  tb_market_sink sink_{};
};

}  // namespace tb::host
