#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/journal_types.hpp"

namespace tb::host {

// What the journal stores. Times are Unix epoch milliseconds; money, prices and quantities
// are exact decimal text (is_decimal_text), never doubles. `id` is assigned by the journal:
// ignored when recording, set in what the queries return.

// One decision to trade, journalled before anything is sent to the exchange.
struct intent_record {
  std::int64_t id = 0;
  std::string client_id;  // deterministic client order id base; unique
  std::string symbol;
  position_side side = position_side::long_side;
  std::string quantity;     // planned
  std::string entry_price;  // planned (the reference price of a market entry)
  std::string stop_price;
  std::optional<std::string> take_profit;
  std::string strategy;
  std::string reason;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;  // set to created_ms when recorded
  intent_state state = intent_state::planned;
  trade_mode mode = trade_mode::live;
  std::string note;  // why the state last changed (an error, "reconciled"); may be empty
  bool operator==(const intent_record&) const = default;
};

// One order of an intent: the entry, its protective orders, a closing order.
struct order_record {
  std::int64_t id = 0;
  std::int64_t intent_id = 0;
  std::string client_id;  // unique across the journal
  order_role role = order_role::entry;
  std::string type;  // the exchange's order type: "MARKET", "LIMIT", "STOP_MARKET", ...
  order_side side = order_side::buy;
  std::string quantity;
  std::optional<std::string> price;
  std::optional<std::string> stop_price;
  std::optional<std::string> exchange_order_id;
  order_state state = order_state::planned;
  std::string filled_quantity = "0";
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;  // set to created_ms when recorded
  bool operator==(const order_record&) const = default;
};

// A change to an order, found by its client id; unset fields keep their value.
struct order_update {
  std::string client_id;
  order_state state = order_state::open;
  std::optional<std::string> exchange_order_id;
  std::optional<std::string> filled_quantity;
  std::int64_t time_ms = 0;
};

// One execution of an order. (order_client_id, trade_id) identifies it: recording the same
// fill again (a user-data event and a REST check both report it) stores nothing.
struct fill_record {
  std::int64_t id = 0;
  std::string order_client_id;
  std::string trade_id;  // the exchange's trade id
  std::string quantity;
  std::string price;
  std::string commission;
  std::string commission_asset;
  std::string realized_pnl;
  std::int64_t time_ms = 0;
  bool operator==(const fill_record&) const = default;
};

// A position the bot holds or held. While open: exit_price, closed_ms and exit_reason are
// unset, realized_pnl is "0" and fees are the entry's commissions so far. realized_pnl is
// gross, as the exchange reports it; fees are separate (net = realized_pnl - fees).
struct trade_record {
  std::int64_t id = 0;
  std::optional<std::int64_t> intent_id;  // unset for imported or adopted positions
  std::string symbol;
  position_side side = position_side::long_side;
  std::string quantity;
  std::string entry_price;
  std::optional<std::string> exit_price;
  std::string realized_pnl = "0";
  std::string fees = "0";
  std::int64_t opened_ms = 0;
  std::optional<std::int64_t> closed_ms;
  std::optional<exit_reason> reason;
  trade_mode mode = trade_mode::live;
  bool is_open() const noexcept { return !closed_ms.has_value(); }
  bool operator==(const trade_record&) const = default;
};

// How an open trade ended.
struct trade_close {
  std::string exit_price;
  std::string realized_pnl;
  std::string fees;  // all fees of the trade, entry and exit
  std::int64_t closed_ms = 0;
  exit_reason reason = exit_reason::manual;
};

struct equity_snapshot {
  std::int64_t id = 0;
  std::int64_t time_ms = 0;
  std::string equity;
  std::string available_balance;
  std::string unrealized_pnl;
  trade_mode mode = trade_mode::live;
  bool operator==(const equity_snapshot&) const = default;
};

}  // namespace tb::host
