#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "services/trade_signal.hpp"

namespace tb::host {

// What rank_signals() did with its input. candidates = invalid + dropped_held + duplicates
// + the signals left to sort; kept is the first `limit` of those.
struct rank_outcome {
  std::vector<trade_signal> kept;  // best first
  std::size_t candidates = 0;      // signals given
  std::size_t invalid = 0;         // failing signal_problem() (strategy_client drops them earlier)
  std::size_t dropped_held = 0;    // signals for a symbol that already holds a position
  std::size_t duplicates = 0;      // a symbol's signals other than its best one
};

// True when a ranks before b: higher confidence, then higher reward-to-risk, then symbol
// name, strategy name, and the remaining fields, so that the order is total and the same on
// every run whatever order the strategies' results arrived in.
bool ranks_before(const trade_signal& a, const trade_signal& b) noexcept;

// Drops invalid signals (signal_problem()) and signals whose symbol is in `held_symbols`, keeps each symbol's best signal (by
// ranks_before, across strategies), and returns the best `limit` of those, best first.
rank_outcome rank_signals(std::vector<trade_signal> signals,
                          const std::vector<std::string>& held_symbols, std::size_t limit = 3);

}  // namespace tb::host
