#include "services/rank_signals.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace tb::host {

bool ranks_before(const trade_signal& a, const trade_signal& b) noexcept {
  if (a.confidence != b.confidence) return a.confidence > b.confidence;
  const double rr_a = a.reward_to_risk();
  const double rr_b = b.reward_to_risk();
  if (rr_a != rr_b) return rr_a > rr_b;
  return std::tie(a.symbol, a.strategy, a.interval_s, a.time_ms, a.side, a.entry, a.stop_loss,
                  a.take_profit) < std::tie(b.symbol, b.strategy, b.interval_s, b.time_ms, b.side,
                                            b.entry, b.stop_loss, b.take_profit);
}

rank_outcome rank_signals(std::vector<trade_signal> signals,
                          const std::vector<std::string>& held_symbols, std::size_t limit) {
  rank_outcome out;
  out.candidates = signals.size();
  const std::set<std::string, std::less<>> held(held_symbols.begin(), held_symbols.end());
  std::erase_if(signals, [&](const trade_signal& s) {
    if (!signal_problem(s).empty()) {
      ++out.invalid;
      return true;
    }
    const bool is_held = held.contains(s.symbol);
    out.dropped_held += is_held ? 1 : 0;
    return is_held;
  });
  std::sort(signals.begin(), signals.end(), ranks_before);
  // Sorted best first, so a symbol's first signal is its best.
  std::set<std::string, std::less<>> seen;
  for (auto& s : signals) {
    if (!seen.insert(s.symbol).second) {
      ++out.duplicates;
      continue;
    }
    if (out.kept.size() < limit) out.kept.push_back(std::move(s));
  }
  return out;
}

}  // namespace tb::host
