// Where the simulated exchange's market comes from: each symbol's trading rules and its base
// candles (the finest interval the feed has: the simulator matches orders on them and builds
// every coarser interval from them), and the funding rates when the feed has any.
//
// Implementations: synthetic_feed (the deterministic synthetic market, market/) and file_feed
// (candle files on disk). Not thread-safe: the exchange guards its feed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tradingbot/tb_abi.h"

namespace tb::exchange_sim {

// One tradable symbol and its filters, as decimal text the way Binance's exchangeInfo gives
// them ("0.10" is fine; the simulator reads them exactly).
struct feed_symbol {
  std::string name;          // "BTCUSDT"
  std::string tick_size;     // price grid
  std::string step_size;     // quantity grid
  std::string min_qty;       // smallest order quantity
  std::string max_qty;       // largest order quantity
  std::string min_notional;  // smallest quantity x price, USDT
};

// A funding settlement: at time_ms, a long pays quantity x mark price x rate (a short
// receives it; a negative rate reverses both).
struct funding_rate {
  std::int64_t time_ms = 0;
  double rate = 0.0;
};

class candle_feed {
 public:
  virtual ~candle_feed() = default;

  virtual const std::vector<feed_symbol>& symbols() const = 0;

  // The length of a base candle in milliseconds (60'000 for 1m, 3'600'000 for 1h).
  virtual std::int64_t base_interval_ms() const = 0;

  // Appends the base candles of symbols()[k] whose open time lies in [from_ms, to_ms),
  // oldest first, each with TB_CANDLE_CLOSED set. Times the feed has no candle for (before its
  // history, a hole in a file) are simply absent. Throws std::runtime_error naming the file
  // and line when the data cannot be read.
  virtual void base_candles(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                            std::vector<tb_candle>& out) = 0;

  // Appends the funding settlements of symbols()[k] in [from_ms, to_ms), oldest first. The
  // default has none: no funding is charged.
  virtual void funding(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                       std::vector<funding_rate>& out) {
    static_cast<void>(k);
    static_cast<void>(from_ms);
    static_cast<void>(to_ms);
    static_cast<void>(out);
  }
};

}  // namespace tb::exchange_sim
