#include "signals/market_structure.hpp"

namespace tb::ictsmc {

std::optional<structure_break> market_structure::update(const ohlcv& candles, std::size_t i,
                                                        const swing_confirmation& swings) {
  // A newly confirmed swing replaces the last one of its side, broken or not.
  if (swings.high) high_ = level{*swings.high, false};
  if (swings.low) low_ = level{*swings.low, false};

  const double close = candles.close[i];
  std::optional<structure_break> made;
  const auto breaks = [&](level& l, int direction) {
    l.broken = true;
    made = structure_break{direction, trend_ == -direction, l.swing.level, l.swing.index, i};
    trend_ = direction;
  };
  if (high_ && !high_->broken && close > high_->swing.level) {
    breaks(*high_, +1);
  } else if (low_ && !low_->broken && close < low_->swing.level) {
    breaks(*low_, -1);
  }
  if (made) last_break_ = made;
  return made;
}

void market_structure::rebase(std::size_t dropped) noexcept {
  const auto down = [dropped](std::size_t& index) { index = index > dropped ? index - dropped : 0; };
  if (high_) down(high_->swing.index);
  if (low_) down(low_->swing.index);
  if (last_break_) {
    down(last_break_->swing_index);
    down(last_break_->index);
  }
}

}  // namespace tb::ictsmc
