#include "signals/liquidity_pools.hpp"

#include <algorithm>
#include <functional>

namespace tb::ictsmc {
namespace {

// Takes the prefix of `pools` (sorted inside-out by `inside`) that `reach` went beyond; if
// the close came back inside the farthest of them, that was a sweep.
template <typename Inside>
void take(std::vector<double>& pools, double reach, double close, std::size_t i, int side,
          std::optional<liquidity_sweep>& sweep, Inside inside) {
  std::size_t taken = 0;
  while (taken < pools.size() && inside(pools[taken], reach)) ++taken;
  if (taken == 0) return;
  const double farthest = pools[taken - 1];
  if (inside(close, farthest)) sweep = liquidity_sweep{side, farthest, reach, i};
  pools.erase(pools.begin(), pools.begin() + static_cast<std::ptrdiff_t>(taken));
}

template <typename Inside>
void insert(std::vector<double>& pools, double level, Inside inside) {
  pools.insert(std::upper_bound(pools.begin(), pools.end(), level, inside), level);
  if (pools.size() > liquidity_pools::max_pools) pools.pop_back();
}

}  // namespace

void liquidity_pools::update(const ohlcv& candles, std::size_t i) {
  // Buy-side pools are ascending: a high above a level takes it. Sell-side descending.
  take(buy_side_, candles.high[i], candles.close[i], i, +1, buy_sweep_, std::less<>());
  take(sell_side_, candles.low[i], candles.close[i], i, -1, sell_sweep_, std::greater<>());
}

void liquidity_pools::add(const swing_confirmation& swings) {
  if (swings.high) insert(buy_side_, swings.high->level, std::less<>());
  if (swings.low) insert(sell_side_, swings.low->level, std::greater<>());
}

void liquidity_pools::rebase(std::size_t dropped) noexcept {
  for (auto* sweep : {&buy_sweep_, &sell_sweep_}) {
    if (*sweep) (*sweep)->index = (*sweep)->index > dropped ? (*sweep)->index - dropped : 0;
  }
}

}  // namespace tb::ictsmc
