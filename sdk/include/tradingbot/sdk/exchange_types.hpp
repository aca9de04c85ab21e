// The C++ forms of the exchange data in tb_abi.h.
//
// Money and quantities are exact decimal strings ("0.001", "27150.10"), never doubles: the
// exchange's own text, already on its tick and step grids. The ABI carries them in fixed
// buffers; the SDK checks the lengths when it converts (TB_DECIMAL_CAP - 1 = 31 characters
// and so on) and fails the call with TB_E_INTERNAL naming the field that does not fit.
//
// Enum-like fields may hold values this header does not name (from a newer host or
// exchange); compare against the named ones and treat anything else as unknown.
#pragma once

#include <cstdint>
#include <string>

#include "tradingbot/sdk/signal.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

enum class symbol_status : std::int32_t {
  trading = TB_SYMBOL_TRADING,
  halted = TB_SYMBOL_HALTED,
};

enum class order_type : std::int32_t {
  market = TB_ORDER_MARKET,
  limit = TB_ORDER_LIMIT,
  stop_market = TB_ORDER_STOP_MARKET,               // protective stop, held by the exchange
  take_profit_market = TB_ORDER_TAKE_PROFIT_MARKET, // target, held by the exchange
};

enum class time_in_force : std::int32_t {
  gtc = TB_TIF_GTC,
  ioc = TB_TIF_IOC,
  fok = TB_TIF_FOK,
  gtx = TB_TIF_GTX, // post-only
};

enum class order_status : std::int32_t {
  new_ = TB_ORDER_STATE_NEW,
  partially_filled = TB_ORDER_STATE_PARTIALLY_FILLED,
  filled = TB_ORDER_STATE_FILLED,
  canceled = TB_ORDER_STATE_CANCELED,
  rejected = TB_ORDER_STATE_REJECTED,
  expired = TB_ORDER_STATE_EXPIRED,
  triggered = TB_ORDER_STATE_TRIGGERED, // a conditional order fired
};

enum class margin_type : std::int32_t {
  cross = 1,
  isolated = 2,
};

// One tradable symbol and its filters (tb_symbol_info).
struct symbol_info {
  symbol_status status = symbol_status::trading;
  std::string symbol;        // "BTCUSDT"
  std::string base_asset;    // up to 15 characters
  std::string quote_asset;   // up to 15 characters
  std::string contract_type; // "PERPETUAL", up to 15 characters
  std::string tick_size;
  std::string step_size;
  std::string min_qty;
  std::string max_qty;
  std::string min_notional;
  std::int32_t price_precision = 0;
  std::int32_t quantity_precision = 0;
};

// What to fetch in exchange::fetch_candles.
struct candle_request {
  std::string symbol;
  std::string interval;     // Binance interval code
  std::int64_t start_ms = 0; // 0: unbounded
  std::int64_t end_ms = 0;   // 0: unbounded
  std::uint32_t limit = 0;   // at most this many candles, oldest first
};

// An order to place (tb_order_request). The host has already rounded the decimals to the
// symbol's grids and made client_order_id deterministic per intent.
struct order_request {
  side direction = side::long_; // long_ buys, short_ sells
  order_type type = order_type::market;
  time_in_force tif = time_in_force::gtc; // LIMIT only
  std::uint32_t flags = 0;                // TB_ORDER_REDUCE_ONLY | TB_ORDER_CLOSE_POSITION
  std::string symbol;
  std::string quantity;   // empty with TB_ORDER_CLOSE_POSITION
  std::string price;      // LIMIT only
  std::string stop_price; // STOP_MARKET / TAKE_PROFIT_MARKET trigger
  std::string client_order_id;

  bool reduce_only() const noexcept { return (flags & TB_ORDER_REDUCE_ONLY) != 0; }
  bool close_position() const noexcept { return (flags & TB_ORDER_CLOSE_POSITION) != 0; }
};

// The exchange's view of one order (tb_order_state).
struct order_state {
  order_status status = order_status::new_;
  side direction = side::long_;
  order_type type = order_type::market;
  std::string symbol;
  std::string client_order_id;   // up to 47 characters
  std::string exchange_order_id; // up to 31 characters
  std::string quantity;
  std::string filled_quantity;
  std::string average_price;
  std::string stop_price;
  std::string last_fill_quantity; // set on fill updates
  std::string last_fill_price;
  std::string commission;         // of the last fill, in commission_asset
  std::string commission_asset;   // up to 15 characters
  std::string realized_pnl;       // of the last fill
  std::int64_t update_time_ms = 0;
};

// One execution of an order (tb_fill, ABI 1.2).
struct fill {
  side direction = side::long_;
  std::string symbol;
  std::string client_order_id; // the order asked about
  std::string trade_id;        // up to 31 characters
  std::string quantity;
  std::string price;
  std::string commission;       // in commission_asset
  std::string commission_asset; // up to 15 characters
  std::string realized_pnl;     // gross, before the commission
  bool maker = false;
  std::int64_t time_ms = 0;
};

// One open position (tb_position).
struct position {
  margin_type margin = margin_type::cross;
  std::string symbol;
  std::string quantity; // signed: >0 long, <0 short
  std::string entry_price;
  std::string mark_price;
  std::string unrealized_pnl;
  std::string liquidation_price;
  std::int32_t leverage = 0;
  std::int64_t update_time_ms = 0;
};

// One asset's balance (tb_balance).
struct balance {
  std::string asset; // up to 15 characters
  std::string wallet_balance;
  std::string available_balance;
  std::string unrealized_pnl;
  std::int64_t update_time_ms = 0;
};

}  // namespace tb::sdk
