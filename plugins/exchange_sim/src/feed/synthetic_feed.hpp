// The candle_feed over the synthetic market (market/): a catalogue of `symbol_count`
// symbols for `seed`, base candles of 1m or 1h, the filters of each symbol's profile, and a
// constant funding rate (none when it is 0) settled at 00:00, 08:00 and 16:00 UTC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "feed/candle_feed.hpp"
#include "market/candle.hpp"
#include "market/interval.hpp"
#include "market/symbol_market.hpp"

namespace tb::exchange_sim {

class synthetic_feed final : public candle_feed {
 public:
  // `base` is interval::m1 or interval::h1; throws std::invalid_argument otherwise.
  synthetic_feed(std::size_t symbol_count, std::uint64_t seed, interval base, double funding_rate = 0.0);

  const std::vector<feed_symbol>& symbols() const override { return symbols_; }
  std::int64_t base_interval_ms() const override { return interval_ms(base_); }
  void base_candles(std::size_t k, std::int64_t from_ms, std::int64_t to_ms, std::vector<tb_candle>& out) override;
  void funding(std::size_t k, std::int64_t from_ms, std::int64_t to_ms, std::vector<funding_rate>& out) override;

 private:
  interval base_;
  double funding_rate_;
  std::vector<feed_symbol> symbols_;
  std::vector<symbol_market> markets_;
  std::vector<candle> scratch_;  // reused: no allocation per call once grown
};

// A grid increment as the shortest decimal text ("0.1", "0.0000000001", "1000").
std::string decimal_text(double increment);

}  // namespace tb::exchange_sim
