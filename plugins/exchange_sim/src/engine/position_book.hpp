// One symbol's position and the account's wallet arithmetic: entry cost, realized PnL,
// margin, unrealized PnL and the liquidation and bankruptcy prices. Exact: the cost basis is
// a notional in 1e-18, money is rounded to 1e-8 once per fill.
#pragma once

#include <cstdint>

#include "engine/fixed_point.hpp"
#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::exchange_sim {

struct position_book {
  std::int64_t qty = 0;  // signed, 1e-8
  int128 cost = 0;       // |qty| x average entry price, 1e-18, never negative
  std::int64_t isolated_margin = 0;  // money, isolated positions only
  std::int32_t leverage = 20;
  sdk::margin_type margin = sdk::margin_type::cross;

  bool open() const noexcept { return qty != 0; }
  std::int64_t abs_qty() const noexcept { return qty < 0 ? -qty : qty; }
  // Average entry price (1e-10), rounded to the unit.
  std::int64_t entry_price() const;
  // Initial margin (money): cost / leverage, rounded up.
  std::int64_t initial_margin() const;
  // The margin this position holds: its isolated margin, or its initial margin when cross.
  std::int64_t used_margin() const { return margin == sdk::margin_type::isolated ? isolated_margin : initial_margin(); }
  // Unrealized PnL (money) at `mark` (1e-10).
  std::int64_t unrealized(std::int64_t mark) const;

  // Applies a fill of `quantity` (> 0) at `price`, `direction` +1 buys, -1 sells. Returns the
  // realized PnL (money, gross) of the part that reduced the position.
  std::int64_t apply_fill(int direction, std::int64_t quantity, std::int64_t price);
};

// The price (1e-10, on the tick grid, rounded against the position: up for a long, down for a
// short) where equity M + PnL falls to maintenance margin mmr x notional; 0 when there is
// none (M covers a fall to zero). long: (cost - M) / (Q (1 - mmr)); short: (cost + M) / (Q (1 + mmr)).
std::int64_t liquidation_price(const position_book& p, std::int64_t margin_money, std::int64_t mmr,
                               std::int64_t tick);
// The price where equity M + PnL is zero: long (cost - M) / Q, short (cost + M) / Q, on the tick.
std::int64_t bankruptcy_price(const position_book& p, std::int64_t margin_money, std::int64_t tick);

}  // namespace tb::exchange_sim
