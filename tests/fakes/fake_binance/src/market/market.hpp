#pragma once
// The simulated market: bars of any interval for any listed symbol at the simulated time, built
// by folding the deterministic 1m path (so a 1h bar is exactly its 60 1m bars). Closed hours and
// days are cached. Thread-safe.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
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

 private:
  struct symbol_state {
    std::unique_ptr<price_path> path;
    std::unordered_map<std::int64_t, candle> closed_hours;  // key: hour index since epoch
    std::unordered_map<std::int64_t, candle> closed_days;   // key: day index since epoch
  };

  symbol_state& state_of(const symbol_spec& spec);
  candle fold_range(symbol_state& s, const symbol_spec& spec, std::int64_t from, std::int64_t to,
                    std::int64_t now);
  candle minutes(symbol_state& s, std::int64_t from, std::int64_t to, std::int64_t now);
  candle hour(symbol_state& s, std::int64_t hour_index, std::int64_t now);
  candle day(symbol_state& s, std::int64_t day_index, std::int64_t now);

  const symbol_catalog& catalog_;
  const sim_clock& clock_;
  std::mutex mutex_;
  std::map<std::string, symbol_state> states_;
  std::size_t cached_bars_ = 0;
};

}  // namespace tb::fake
