// The simulated exchange's matching engine and account: orders, fills, positions, wallet,
// funding and liquidation, Binance USDT-M-like. Pure and single-threaded (the plugin guards
// it); time and prices come from the caller, every change is appended to an event list.
//
// Candle policy (play()): the path is open -> the extreme worse for the position (the low for
// a long; the high for a short; flat: the high first when the candle closes below its open)
// -> the other extreme -> close. Events fire in the order the path reaches their prices; at
// the open, whatever the price is already through fires at the open (a gap).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/engine_types.hpp"
#include "engine/fixed_point.hpp"
#include "engine/position_book.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::exchange_sim {

class matching_engine {
 public:
  matching_engine(std::vector<symbol_rules> symbols, engine_settings settings);

  const std::vector<symbol_rules>& symbols() const noexcept { return symbols_; }
  const engine_settings& settings() const noexcept { return settings_; }
  // Throws sdk::error(TB_E_REJECTED, "Invalid symbol.", -1121) for an unknown name.
  std::size_t symbol_index(std::string_view name) const;

  // Places an order at `now_ms` when the symbol's current price is `price` (1e-10; 0: none
  // known, and a market order is refused). Returns the order's state after placement (FILLED
  // for a market order). Throws sdk::error(TB_E_REJECTED, message, Binance code).
  sdk::order_state place(const sdk::order_request& request, std::int64_t now_ms, std::int64_t price,
                         account_events& out);
  sdk::order_state cancel(std::string_view symbol, std::string_view client_id, std::int64_t now_ms,
                          account_events& out);
  // TB_E_NOT_FOUND for an unknown id.
  sdk::order_state query(std::string_view symbol, std::string_view client_id) const;
  std::vector<sdk::order_state> open_orders(std::optional<std::size_t> symbol) const;
  std::vector<sdk::fill> fills(std::string_view symbol, std::string_view client_id) const;

  void set_leverage(std::size_t k, std::int32_t leverage);
  void set_margin_type(std::size_t k, sdk::margin_type type);

  sdk::balance balance(std::int64_t now_ms) const;
  std::vector<sdk::position> positions(std::int64_t now_ms) const;
  sdk::position position_of(std::size_t k, std::int64_t now_ms) const;

  // Whether candles of symbol k can change anything (open orders or a position).
  bool busy(std::size_t k) const noexcept {
    return !symbol_state_[k].resting.empty() || symbol_state_[k].book.open();
  }
  // The last price played for k (its mark), 1e-10; 0 before any.
  std::int64_t mark(std::size_t k) const noexcept { return symbol_state_[k].mark; }
  void set_mark(std::size_t k, std::int64_t price) noexcept { symbol_state_[k].mark = price; }

  // Plays one base candle of symbol k (open time open_ms, length base_ms): triggers, fills,
  // liquidation. Sets the mark to its close.
  void play(std::size_t k, const tb_candle& candle, std::int64_t base_ms, account_events& out);
  // A funding settlement of k at time_ms, mark price `mark` (1e-10), `rate` in 1e-8 units.
  void fund(std::size_t k, std::int64_t time_ms, std::int64_t mark, std::int64_t rate, account_events& out);

  // The account's totals, for tests of the wallet identity.
  std::int64_t wallet() const noexcept { return wallet_; }
  std::int64_t total_realized() const noexcept { return total_realized_; }
  std::int64_t total_commission() const noexcept { return total_commission_; }
  std::int64_t total_funding() const noexcept { return total_funding_; }

 private:
  struct fill_record {
    std::string trade_id;
    std::int64_t qty = 0;
    std::int64_t price = 0;
    std::int64_t commission = 0;
    std::int64_t realized = 0;
    bool maker = false;
    std::int64_t time_ms = 0;
  };
  struct order {
    sdk::order_request request;
    std::size_t symbol = 0;
    int direction = 1;  // +1 buy, -1 sell
    std::int64_t qty = 0;    // 0 with close-position
    std::int64_t price = 0;  // LIMIT
    std::int64_t stop = 0;   // STOP_MARKET / TAKE_PROFIT_MARKET
    std::string exchange_id;
    sdk::order_status status = sdk::order_status::new_;
    std::int64_t filled_qty = 0;
    std::int64_t avg_price = 0;
    std::int64_t update_ms = 0;
    std::vector<fill_record> fills;
  };
  struct symbol_state {
    position_book book;
    std::int64_t mark = 0;
    std::vector<std::size_t> resting;  // indices into orders_, placement order
    // liquidation_price() as of account_version_ (it is asked four times a candle).
    mutable std::uint64_t liquidation_version = 0;
    mutable std::int64_t cached_liquidation_price = 0;
  };

  // What fires where on a path leg.
  struct trigger {
    bool fires = false;
    std::int64_t at = 0;  // the price where the path reaches it
  };

  bool is_open(const order& o) const noexcept { return o.status == sdk::order_status::new_; }
  // Which way the order fires: true when the price falling to its level fires it.
  static bool fires_falling(const order& o) noexcept;
  trigger order_trigger(const order& o, std::int64_t cur, std::int64_t target) const;
  trigger liquidation_trigger(std::size_t k, std::int64_t cur, std::int64_t target) const;
  // Plays the path from `cur` to `target` (equal: the open instant).
  void play_leg(std::size_t k, std::int64_t cur, std::int64_t target, std::int64_t time_ms, account_events& out);

  // The margin a position may lose before bankruptcy: isolated margin, or (cross) the wallet
  // less what every other position holds.
  std::int64_t loss_budget(std::size_t k) const;
  std::int64_t available() const;
  std::int64_t total_unrealized_cross() const;
  // The quantity a closing order may still fill (0: nothing to reduce).
  std::int64_t reducible(const order& o) const;
  // Fills order `i` with `qty` at `price` (already slipped), taker or maker; the order expires
  // instead when the margin does not allow what it adds.
  void execute(std::size_t i, std::int64_t qty, std::int64_t price, bool maker, std::int64_t time_ms,
               account_events& out);
  void liquidate(std::size_t k, std::int64_t time_ms, account_events& out);
  void expire(std::size_t i, std::int64_t time_ms, account_events& out);
  void close_order(order& o, sdk::order_status status, std::int64_t time_ms);
  std::int64_t slipped(std::size_t k, int direction, std::int64_t price) const;
  std::int64_t margin_needed(std::size_t k, int direction, std::int64_t qty, std::int64_t price) const;
  sdk::order_state state_of(const order& o) const;
  std::string next_trade_id() { return std::to_string(++trade_seq_); }

  std::vector<symbol_rules> symbols_;
  engine_settings settings_;
  std::unordered_map<std::string, std::size_t> symbol_index_;
  std::vector<symbol_state> symbol_state_;
  std::vector<order> orders_;
  std::unordered_map<std::string, std::size_t> order_index_;  // client id -> orders_
  std::int64_t wallet_ = 0;
  // Bumped by whatever changes the wallet, a position, a leverage or a margin type: the
  // inputs of every liquidation price.
  std::uint64_t account_version_ = 1;
  std::int64_t total_realized_ = 0;
  std::int64_t total_commission_ = 0;
  std::int64_t total_funding_ = 0;
  std::uint64_t order_seq_ = 0;
  std::uint64_t trade_seq_ = 0;
  std::uint64_t liquidation_seq_ = 0;
};

}  // namespace tb::exchange_sim
