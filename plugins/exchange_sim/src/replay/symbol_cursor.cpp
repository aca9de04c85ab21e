#include "replay/symbol_cursor.hpp"

#include <algorithm>

namespace tb::exchange_sim {
namespace {
constexpr std::int64_t chunk_candles = 1440;
}

void symbol_cursor::load(candle_feed& feed, std::size_t k, std::int64_t from_ms, std::int64_t to_ms) {
  chunk_.clear();
  funding_.clear();
  index_ = 0;
  funding_index_ = 0;
  feed.base_candles(k, from_ms, to_ms, chunk_);
  feed.funding(k, from_ms, to_ms, funding_);
  chunk_end_ms_ = to_ms;
}

void symbol_cursor::seek(candle_feed& feed, std::size_t k, std::int64_t time_ms) {
  const std::int64_t base = base_ms_ = feed.base_interval_ms();
  load(feed, k, time_ms - base, time_ms + chunk_candles * base);
  last_close_ = 0.0;
  while (index_ < chunk_.size() && chunk_[index_].open_time_ms < time_ms) last_close_ = chunk_[index_++].close;
  while (funding_index_ < funding_.size() && funding_[funding_index_].time_ms < time_ms) ++funding_index_;
  synced = true;
}

bool symbol_cursor::fill(candle_feed& feed, std::size_t k, std::int64_t until_ms) {
  while (index_ >= chunk_.size()) {
    if (chunk_end_ms_ + base_ms_ > until_ms) return false;  // nothing there could close by then
    load(feed, k, chunk_end_ms_, chunk_end_ms_ + chunk_candles * base_ms_);
  }
  return true;
}

const tb_candle* symbol_cursor::opening_at(candle_feed& feed, std::size_t k, std::int64_t time_ms) {
  if (!fill(feed, k, time_ms + base_ms_)) return nullptr;
  const tb_candle& c = chunk_[index_];
  return c.open_time_ms == time_ms ? &c : nullptr;
}

}  // namespace tb::exchange_sim
