#include "engine/position_book.hpp"

namespace tb::exchange_sim {

std::int64_t position_book::entry_price() const {
  if (qty == 0) return 0;
  return static_cast<std::int64_t>(div_round(cost, abs_qty()));
}

std::int64_t position_book::initial_margin() const {
  if (qty == 0) return 0;
  return static_cast<std::int64_t>(div_ceil(cost, int128{notional_per_money} * leverage));
}

std::int64_t position_book::unrealized(std::int64_t mark) const {
  if (qty == 0) return 0;
  const int128 value = int128{abs_qty()} * mark;
  return money_of(qty > 0 ? value - cost : cost - value);
}

std::int64_t position_book::apply_fill(int direction, std::int64_t quantity, std::int64_t price) {
  std::int64_t realized = 0;
  const bool reducing = qty != 0 && ((qty > 0) != (direction > 0));
  std::int64_t rest = quantity;
  if (reducing) {
    const std::int64_t held = abs_qty();
    const std::int64_t closed = rest < held ? rest : held;
    // The cost leaving the position: all of it when it closes, else its share (the remainder
    // stays in `cost`, so nothing is lost to rounding).
    const int128 removed = closed == held ? cost : div_round(cost * closed, held);
    const int128 proceeds = int128{closed} * price;
    realized = money_of(qty > 0 ? proceeds - removed : removed - proceeds);
    if (margin == sdk::margin_type::isolated) {
      const std::int64_t freed = closed == held
                                     ? isolated_margin
                                     : static_cast<std::int64_t>(div_round(int128{isolated_margin} * closed, held));
      isolated_margin -= freed;
    }
    cost -= removed;
    qty += direction > 0 ? closed : -closed;
    rest -= closed;
  }
  if (rest > 0) {
    const int128 added = int128{rest} * price;
    cost += added;
    qty += direction > 0 ? rest : -rest;
    if (margin == sdk::margin_type::isolated) {
      isolated_margin += static_cast<std::int64_t>(div_ceil(added, int128{notional_per_money} * leverage));
    }
  }
  if (qty == 0) {
    cost = 0;
    isolated_margin = 0;
  }
  return realized;
}

namespace {

std::int64_t to_tick(int128 price, std::int64_t tick, bool up) {
  const int128 units = up ? div_ceil(price, tick) : div_floor(price, tick);
  return static_cast<std::int64_t>(units * tick);
}

}  // namespace

std::int64_t liquidation_price(const position_book& p, std::int64_t margin_money, std::int64_t mmr,
                               std::int64_t tick) {
  if (p.qty == 0) return 0;
  const int128 m = int128{margin_money} * notional_per_money;  // money -> notional units
  const int128 q = p.abs_qty();
  if (p.qty > 0) {
    const int128 numerator = p.cost - m;
    if (numerator <= 0) return 0;
    // price (1e-10) = notional (1e-18) / qty (1e-8); mmr in 1e-8.
    return to_tick(div_ceil(numerator * money_scale, q * (money_scale - mmr)), tick, true);
  }
  return to_tick(div_floor((p.cost + m) * money_scale, q * (money_scale + mmr)), tick, false);
}

std::int64_t bankruptcy_price(const position_book& p, std::int64_t margin_money, std::int64_t tick) {
  if (p.qty == 0) return 0;
  const int128 m = int128{margin_money} * notional_per_money;
  const int128 q = p.abs_qty();
  if (p.qty > 0) {
    const int128 numerator = p.cost - m;
    return numerator <= 0 ? 0 : to_tick(div_floor(numerator, q), tick, false);
  }
  return to_tick(div_ceil(p.cost + m, q), tick, true);
}

}  // namespace tb::exchange_sim
