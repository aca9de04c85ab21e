// Swings as they become known: the candle `length` candles back is a swing high when its
// high is above each of the `length` highs before it and not below any of the `length` after
// it (a swing low mirrors this on lows), so it is confirmed at the close of the candle
// `length` later. Unlike the reference's swing_highs_lows, nothing is marked before it is
// known and no later candle ever removes a swing.
#pragma once

#include <cstddef>
#include <optional>

#include "indicators/ohlcv.hpp"

namespace tb::ictsmc {

struct confirmed_swing {
  std::size_t index = 0;  // the swing candle
  double level = 0.0;     // its high (swing high) or low (swing low)
};

struct swing_confirmation {
  std::optional<confirmed_swing> high;
  std::optional<confirmed_swing> low;
};

// The swings the close of candle `i` confirms. Reads candles [0, i] only.
swing_confirmation confirm_swings(const ohlcv& candles, std::size_t i, std::size_t length);

}  // namespace tb::ictsmc
