// Resting liquidity at confirmed swings: stops sit above swing highs (buy-side) and below
// swing lows (sell-side). A pool is taken by the first later candle that trades beyond it;
// when that candle closes back inside, the move was a sweep (a stop hunt), the confirmation
// the strategy looks for before an entry the other way. Untaken pools are the targets.
// Causal: pools exist from the candle that confirmed their swing.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "signals/causal_swings.hpp"

namespace tb::ictsmc {

struct liquidity_sweep {
  int side = 0;           // +1 buy-side (above highs) was swept, -1 sell-side (below lows)
  double level = 0.0;     // the pool's level
  double extreme = 0.0;   // how far the sweeping candle went (its high or low)
  std::size_t index = 0;  // the sweeping candle
};

class liquidity_pools {
 public:
  // Candle i: takes the pools it traded through, recording sweeps. Call before add().
  void update(const ohlcv& candles, std::size_t i);
  // Pools of the swings candle i confirmed.
  void add(const swing_confirmation& swings);

  // The latest sweep of `side`, if any.
  const std::optional<liquidity_sweep>& last_sweep(int side) const noexcept {
    return side > 0 ? buy_sweep_ : sell_sweep_;
  }
  // Untaken levels of `side`, nearest first from the inside out: buy-side pools ascending,
  // sell-side descending. Valid until the next update() or add().
  const std::vector<double>& levels(int side) const noexcept {
    return side > 0 ? buy_side_ : sell_side_;
  }

  // The candles before index `dropped` were discarded: the sweeps' indices move down by it
  // (a sweep that old is past any sweep_lookback the tracker keeps candles for).
  void rebase(std::size_t dropped) noexcept;

  // At most this many untaken pools a side; beyond it the farthest is dropped.
  static constexpr std::size_t max_pools = 64;

 private:
  // Kept sorted from the inside out, so a candle takes a prefix of each.
  std::vector<double> buy_side_, sell_side_;
  std::optional<liquidity_sweep> buy_sweep_, sell_sweep_;
};

}  // namespace tb::ictsmc
