#include "services/data_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <numeric>

// The DataService's pacing under a request-weight budget (see "Weight budget" in
// data_service.hpp): how much a scan will cost, and its waves.

namespace tb::host {

void data_service::run_waves(const std::vector<std::string>& symbols,
                             const std::string& interval, std::uint32_t limit,
                             std::vector<symbol_outcome>& outcomes) {
  const std::uint64_t budget = config_.weight_budget_per_minute;
  if (budget == 0) return run_wave(symbols, 0, symbols.size(), interval, limit, outcomes);
  const auto weights = planned_weights(symbols, interval, limit);
  const std::uint64_t needed = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
  const std::uint64_t spent = spent_.used(clock_.monotonic_ns());
  if (spent + needed > budget) {
    const std::uint64_t minutes = (spent + needed - 1) / budget;
    spdlog::warn(
        "data: scan {} of {} symbols needs ~{} request weight and {} was spent in the last "
        "minute, over the budget of {} per minute: fetching in waves, ~{} min more; symbols "
        "not fetched yet keep their previous candles until their wave",
        interval, symbols.size(), needed, spent, budget, minutes);
  }
  std::size_t first = 0;
  while (first < symbols.size()) {
    // The wave starts when its first symbol fits, then takes every following one that fits.
    sleep_until(clock_, spent_.fits_at(clock_.monotonic_ns(), weights[first], budget));
    std::uint64_t room = budget - std::min(budget, spent_.used(clock_.monotonic_ns()));
    std::size_t end = first;
    while (end < symbols.size() && (end == first || weights[end] <= room)) {
      room -= std::min(room, static_cast<std::uint64_t>(weights[end]));
      ++end;
    }
    run_wave(symbols, first, end, interval, limit, outcomes);
    first = end;
  }
}

std::vector<std::uint32_t> data_service::planned_weights(const std::vector<std::string>& symbols,
                                                         const std::string& interval,
                                                         std::uint32_t limit) {
  const std::int64_t now = clock_.wall_ms();
  std::vector<std::uint32_t> out;
  out.reserve(symbols.size());
  for (const auto& symbol : symbols) {
    const std::uint32_t id = symbols_.intern(symbol);
    std::uint32_t weight = 0;
    if (!stream_keeps_current(series_key{id, interval}, now)) {
      const candle_request req = plan(symbol, id, interval, limit, now);
      std::size_t length = 0;
      const bool cached = cache_ != nullptr && cache_->get_into(cache_key(req), nullptr, 0,
                                                                length) != cache_status::miss;
      weight = cached ? 0 : klines_weight(req.limit);
    }
    out.push_back(weight);
  }
  return out;
}

}  // namespace tb::host
