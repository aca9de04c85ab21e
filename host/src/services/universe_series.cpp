#include "services/universe_series.hpp"

namespace tb::host {

std::vector<candle_store::series_id> universe_series(const std::vector<std::string>& symbols,
                                                     const std::vector<std::string>& intervals,
                                                     const symbol_table& table) {
  std::vector<candle_store::series_id> ids;
  ids.reserve(symbols.size() * intervals.size());
  for (const auto& symbol : symbols) {
    const auto id = table.find(symbol);
    if (!id) continue;
    for (const auto& interval : intervals) ids.emplace_back(*id, interval);
  }
  return ids;
}

}  // namespace tb::host
