// Order blocks and fair-value gaps as entry zones, tracked causally.
//
// - A fair-value gap is known at the close of the third candle of its pattern: bullish when
//   that candle's low is above the high two candles before (the gap between them is the
//   zone), bearish mirrored.
// - An order block is made by a structure break: of the candles between the broken swing
//   and the breaking candle, the one with the lowest low (bullish break) or highest high
//   (bearish) is the block, from its low to its high, as in the reference's ob.
//
// A zone is retested by a candle that trades into it (a bullish zone: low at or below its
// top) and closes inside or beyond it on its own side; a close through it (below a bullish
// zone's bottom) invalidates it. A zone lives zone_max_age candles and gives at most one
// signal: the setup finder spends it.
#pragma once

#include <cstddef>
#include <vector>

#include "indicators/ohlcv.hpp"
#include "signals/market_structure.hpp"

namespace tb::ictsmc {

enum class zone_kind { order_block, fair_value_gap };

struct zone {
  zone_kind kind = zone_kind::fair_value_gap;
  int direction = 0;  // +1 bullish (an entry for longs), -1 bearish
  double top = 0.0;
  double bottom = 0.0;
  std::size_t created = 0;  // the candle whose close made it known
  bool retested = false;    // by the candle last passed to retest()
};

class zone_book {
 public:
  explicit zone_book(std::size_t max_age) : max_age_(max_age) {}

  // Candle i: drops zones it invalidated or that grew too old, and marks the ones it
  // retested. Call before adding the zones candle i makes.
  void retest(const ohlcv& candles, std::size_t i);
  // What candle i retested in `direction`: which kinds, and their outer bounds.
  struct retest_summary {
    bool any = false;
    bool order_block = false;
    bool fair_value_gap = false;
    double top = 0.0;
    double bottom = 0.0;
  };
  retest_summary retested(int direction) const noexcept;
  // Removes the retested zones of `direction`: they gave their signal.
  void spend(int direction);

  // The gap candle i completes, if any.
  void add_fair_value_gap(const ohlcv& candles, std::size_t i);
  // The block a structure break made.
  void add_order_block(const ohlcv& candles, const structure_break& made);

  std::size_t size() const noexcept { return bullish_.zones.size() + bearish_.zones.size(); }

  // The candles before index `dropped` were discarded (none younger than max_age is): the
  // zones' creation indices move down by it.
  void rebase(std::size_t dropped) noexcept;

 private:
  struct side_book {
    std::vector<zone> zones;
    bool any_retested = false;  // by the last retest()
  };
  side_book& book(int direction) noexcept { return direction > 0 ? bullish_ : bearish_; }
  void retest(side_book& side, const ohlcv& candles, std::size_t i);

  std::size_t max_age_;
  side_book bullish_, bearish_;
};

}  // namespace tb::ictsmc
