#include "feed/synthetic_feed.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "market/symbol_catalogue.hpp"

namespace tb::exchange_sim {

namespace {
constexpr std::int64_t funding_period_ms = 8 * hour_ms;  // 00:00, 08:00, 16:00 UTC
}

std::string decimal_text(double increment) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12f", increment);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

synthetic_feed::synthetic_feed(std::size_t symbol_count, std::uint64_t seed, interval base, double funding_rate)
    : base_(base), funding_rate_(funding_rate) {
  if (base != interval::m1 && base != interval::h1) {
    throw std::invalid_argument("synthetic_feed: the base interval must be 1m or 1h");
  }
  const auto profiles = make_symbol_catalogue(symbol_count, seed);
  symbols_.reserve(profiles.size());
  markets_.reserve(profiles.size());
  for (const symbol_profile& p : profiles) {
    const std::string step = decimal_text(p.step_size);
    // min_qty is one step; max_qty is large enough never to bind in a backtest.
    symbols_.push_back({p.name, decimal_text(p.tick_size), step, step, "10000000000", "5"});
    markets_.emplace_back(p, seed);
  }
}

void synthetic_feed::base_candles(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                                  std::vector<tb_candle>& out) {
  scratch_.clear();
  markets_.at(k).candles(base_, from_ms, to_ms, scratch_);
  out.reserve(out.size() + scratch_.size());
  for (const candle& c : scratch_) {
    tb_candle t{};
    t.open_time_ms = c.open_time_ms;
    t.close_time_ms = c.close_time_ms;
    t.open = c.open;
    t.high = c.high;
    t.low = c.low;
    t.close = c.close;
    t.volume = c.volume;
    t.quote_volume = c.quote_volume;
    t.trade_count = c.trade_count;
    t.flags = TB_CANDLE_CLOSED;
    out.push_back(t);
  }
}

void synthetic_feed::funding(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                             std::vector<funding_rate>& out) {
  static_cast<void>(k);
  if (funding_rate_ == 0.0) return;
  for (std::int64_t t = floor_div(from_ms + funding_period_ms - 1, funding_period_ms) * funding_period_ms;
       t < to_ms; t += funding_period_ms) {
    out.push_back({t, funding_rate_});
  }
}

}  // namespace tb::exchange_sim
