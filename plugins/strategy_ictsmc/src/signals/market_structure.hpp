// Market structure from confirmed swings: a close beyond the latest swing high (low) that no
// close has broken yet is a bullish (bearish) break; a break in the trend's direction is a
// break of structure (BOS), one against it a change of character (CHoCH) that turns the
// trend. Causal: each candle is fed once, in order, with the swings its close confirmed.
#pragma once

#include <cstddef>
#include <optional>

#include "indicators/ohlcv.hpp"
#include "signals/causal_swings.hpp"

namespace tb::ictsmc {

struct structure_break {
  int direction = 0;        // +1 bullish, -1 bearish
  bool change_of_character = false;
  double level = 0.0;       // the broken swing's level
  std::size_t swing_index = 0;
  std::size_t index = 0;    // the candle whose close broke it
};

class market_structure {
 public:
  // Candle i, after every candle before it. Returns the break its close made, if any.
  std::optional<structure_break> update(const ohlcv& candles, std::size_t i,
                                        const swing_confirmation& swings);

  int trend() const noexcept { return trend_; }  // +1, -1, or 0 before the first break

  // The candles before index `dropped` were discarded: indices move down by it (an index
  // into them becomes 0, the oldest candle kept).
  void rebase(std::size_t dropped) noexcept;
  const std::optional<structure_break>& last_break() const noexcept { return last_break_; }

 private:
  struct level {
    confirmed_swing swing;
    bool broken = false;
  };
  std::optional<level> high_, low_;
  std::optional<structure_break> last_break_;
  int trend_ = 0;
};

}  // namespace tb::ictsmc
