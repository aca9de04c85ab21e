#include "signals/zones.hpp"

#include <algorithm>

namespace tb::ictsmc {

void zone_book::retest(const ohlcv& candles, std::size_t i) {
  retest(bullish_, candles, i);
  retest(bearish_, candles, i);
}

// Zones are kept in no particular order: a removal moves the last zone into the gap, which
// is cheaper than closing it up (the oldest, first in creation order, go most often).
template <typename Drop>
void drop_if(std::vector<zone>& zones, Drop drop) {
  for (std::size_t k = 0; k < zones.size();) {
    if (drop(zones[k])) {
      zones[k] = zones.back();
      zones.pop_back();
    } else {
      ++k;
    }
  }
}

void zone_book::retest(side_book& side, const ohlcv& candles, std::size_t i) {
  const bool bullish = &side == &bullish_;
  const double high = candles.high[i], low = candles.low[i], close = candles.close[i];
  bool any = false;
  drop_if(side.zones, [&](zone& z) {
    if (i - z.created > max_age_) return true;
    if (bullish ? close < z.bottom : close > z.top) return true;  // closed through
    z.retested = bullish ? low <= z.top : high >= z.bottom;
    any |= z.retested;
    return false;
  });
  side.any_retested = any;
}

// Summed up only when asked: most candles retest nothing the strategy then looks at.
zone_book::retest_summary zone_book::retested(int direction) const noexcept {
  const side_book& side = direction > 0 ? bullish_ : bearish_;
  retest_summary s;
  if (!side.any_retested) return s;
  for (const zone& z : side.zones) {
    if (!z.retested) continue;
    s.top = s.any ? std::max(s.top, z.top) : z.top;
    s.bottom = s.any ? std::min(s.bottom, z.bottom) : z.bottom;
    s.any = true;
    s.order_block = s.order_block || z.kind == zone_kind::order_block;
    s.fair_value_gap = s.fair_value_gap || z.kind == zone_kind::fair_value_gap;
  }
  return s;
}

void zone_book::spend(int direction) {
  side_book& side = book(direction);
  drop_if(side.zones, [](const zone& z) { return z.retested; });
  side.any_retested = false;
}

void zone_book::add_fair_value_gap(const ohlcv& candles, std::size_t i) {
  if (i < 2) return;
  if (candles.low[i] > candles.high[i - 2]) {
    bullish_.zones.push_back({zone_kind::fair_value_gap, +1, candles.low[i], candles.high[i - 2], i});
  } else if (candles.high[i] < candles.low[i - 2]) {
    bearish_.zones.push_back({zone_kind::fair_value_gap, -1, candles.low[i - 2], candles.high[i], i});
  }
}

void zone_book::add_order_block(const ohlcv& candles, const structure_break& made) {
  // The candles strictly between the swing and the break; the one before the break when
  // there are none. Ties go to the latest, the last opposite move before the displacement.
  std::size_t first = made.swing_index + 1, last = made.index - 1;
  if (first > last) first = last;
  std::size_t block = last;
  for (std::size_t k = last; k + 1 > first; --k) {
    const bool beyond = made.direction > 0 ? candles.low[k] < candles.low[block]
                                           : candles.high[k] > candles.high[block];
    if (beyond) block = k;
  }
  book(made.direction)
      .zones.push_back({zone_kind::order_block, made.direction, candles.high[block],
                        candles.low[block], made.index});
}

void zone_book::rebase(std::size_t dropped) noexcept {
  for (side_book* side : {&bullish_, &bearish_}) {
    for (zone& z : side->zones) z.created = z.created > dropped ? z.created - dropped : 0;
  }
}

}  // namespace tb::ictsmc
