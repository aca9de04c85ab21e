// Where one symbol's replay stands: the next base candle not yet played, read from the feed a
// chunk at a time (1,440 base candles: a day of 1m) so that playing a candle costs no call,
// allocation or string work, plus the funding settlements of the chunk and the last close.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "feed/candle_feed.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::exchange_sim {

class symbol_cursor {
 public:
  // Positions the cursor on the first candle opening at or after `time_ms`; the last close
  // becomes the close of the candle before it, when the feed has one.
  void seek(candle_feed& feed, std::size_t k, std::int64_t time_ms);

  // The next unplayed candle if it closes by `until_ms` (open + base <= until), else nullptr.
  // Inline: the replay calls it twice per candle and symbol.
  const tb_candle* peek(candle_feed& feed, std::size_t k, std::int64_t until_ms) {
    if (index_ >= chunk_.size() && !fill(feed, k, until_ms)) return nullptr;
    const tb_candle& c = chunk_[index_];
    return c.open_time_ms + base_ms_ <= until_ms ? &c : nullptr;
  }
  // The next unplayed candle when it opens exactly at `time_ms`, else nullptr.
  const tb_candle* opening_at(candle_feed& feed, std::size_t k, std::int64_t time_ms);
  // Marks the peeked candle played.
  void pop(double close) noexcept {
    ++index_;
    last_close_ = close;
  }

  // The funding settlements in [from_ms, to_ms) of the current chunk, oldest first.
  template <class F>
  void each_funding(std::int64_t from_ms, std::int64_t to_ms, F&& f) {
    while (funding_index_ < funding_.size() && funding_[funding_index_].time_ms < to_ms) {
      const funding_rate& r = funding_[funding_index_++];
      if (r.time_ms >= from_ms) f(r);
    }
  }

  double last_close() const noexcept { return last_close_; }
  bool synced = false;  // kept in step with the replay (the symbol is active)

 private:
  // Reads chunks until one has a candle or the next would start after `until_ms`.
  bool fill(candle_feed& feed, std::size_t k, std::int64_t until_ms);
  void load(candle_feed& feed, std::size_t k, std::int64_t from_ms, std::int64_t to_ms);

  std::vector<tb_candle> chunk_;
  std::size_t index_ = 0;
  std::int64_t chunk_end_ms_ = 0;  // the chunk covers open times before this
  std::vector<funding_rate> funding_;
  std::size_t funding_index_ = 0;
  double last_close_ = 0.0;
  std::int64_t base_ms_ = 0;  // the feed's, cached at seek()
};

}  // namespace tb::exchange_sim
