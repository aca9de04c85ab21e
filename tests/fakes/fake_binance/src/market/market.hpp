#pragma once
// The simulated market: bars of any interval for any listed symbol at the simulated time, built
// by folding the deterministic 1m path (so a 1h bar is exactly its 60 1m bars). Closed hours and
// days are cached. Thread-safe: each symbol has its own lock, so io threads serving different
// symbols generate bars in parallel.
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "market/candle.hpp"
#include "market/interval.hpp"
#include "market/price_path.hpp"
#include "market/sim_clock.hpp"
#include "market/symbol_catalog.hpp"

namespace tb::fake {

struct kline_query {
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  int limit = 500;
};

struct ticker_24h {
  candle window;  // open at now - 24h, close = last price
  std::int64_t open_time = 0;
  std::int64_t close_time = 0;
  std::int64_t last_qty_steps = 1;
};

class market {
 public:
  market(const symbol_catalog& catalog, const sim_clock& clock);

  const symbol_catalog& catalog() const { return catalog_; }
  const sim_clock& clock() const { return clock_; }

  // Bars as /fapi/v1/klines returns them, oldest first; the last may still be open at `now`.
  std::vector<candle> klines(const symbol_spec& spec, const interval& iv, const kline_query& q,
                             std::int64_t now);
  // The bar opening at `open` as of `now` (partial when it contains now).
  candle bar(const symbol_spec& spec, const interval& iv, std::int64_t open, std::int64_t now);
  // Last traded price in ticks at `now`.
  std::int64_t last_price(const symbol_spec& spec, std::int64_t now);
  ticker_24h ticker(const symbol_spec& spec, std::int64_t now);

  // Builds and caches the last `hours` closed hour bars of every listed symbol as of `now`,
  // on `threads` threads, so that the first klines requests are served from the cache (the
  // price model costs ~25 us an hour bar). Same bars as computing them on demand.
  void prewarm_hours(std::int64_t hours, std::int64_t now, int threads);

 private:
  struct symbol_state {
    std::mutex mutex;
    std::unique_ptr<price_path> path;                        // guarded by mutex
    std::unordered_map<std::int64_t, candle> closed_hours;  // key: hour index since epoch
    std::unordered_map<std::int64_t, candle> closed_days;   // key: day index since epoch
  };

  // The symbol's state, locked by `lock`; created on first use for a spec not in the catalog.
  symbol_state& state_of(const symbol_spec& spec, std::unique_lock<std::mutex>& lock);
  candle fold_range(symbol_state& s, const symbol_spec& spec, std::int64_t from, std::int64_t to,
                    std::int64_t now);
  candle minutes(symbol_state& s, std::int64_t from, std::int64_t to, std::int64_t now);
  candle hour(symbol_state& s, std::int64_t hour_index, std::int64_t now);
  candle day(symbol_state& s, std::int64_t day_index, std::int64_t now);

  const symbol_catalog& catalog_;
  const sim_clock& clock_;
  std::size_t max_cached_per_symbol_;
  mutable std::shared_mutex states_mutex_;  // guards the map; each state has its own lock
  std::unordered_map<std::string, std::unique_ptr<symbol_state>> states_;
};

}  // namespace tb::fake
