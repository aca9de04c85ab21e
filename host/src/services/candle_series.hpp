#pragma once

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "services/compact_candle.hpp"

namespace tb::host {

// Open times missing between two held candles, both ends included.
struct candle_gap {
  std::int64_t from_open_ms = 0;
  std::int64_t to_open_ms = 0;
};

struct merge_result {
  std::size_t appended = 0;    // closed candles newer than every held one
  std::size_t inserted = 0;    // closed candles that filled a hole (backfill)
  std::size_t duplicates = 0;  // already held, or older than the window: dropped
  bool open_replaced = false;  // the open (unfinished) candle was set or replaced
};

// One symbol's closed candles at one interval, oldest first, at most `capacity` of them,
// plus the candle still open.
//
// Memory: closed candles are stored as 40-byte compact_candle records (prices as integers at
// a per-series scale; see compact_candle.hpp for what that keeps exact), in one array grown
// to what is held, never reserved at the full capacity up front. They become tb_candle only
// when handed out (at(), copy_closed()). Appending to a full window moves the array down by
// one record (a memmove of capacity * 40 bytes, once per closed candle per series), which
// costs less than linearising a ring for every read.
//
// Scale: the first candle sets the fewest decimals that hold its prices exactly; a later
// candle needing more decimals re-encodes the held ones (exactly); one too large for the
// int32 units at the current scale lowers it (rounding the held prices to the new scale).
//
// Merge rules: a closed candle newer than the last is appended (the oldest dropped when
// full); one with an open time already held is a duplicate; an older one that is missing
// is inserted in order (backfill). A candle that is not closed replaces the open one when it
// is not older (same open time: not fewer trades); it is dropped once a candle at or after
// its open time has closed.
//
// Not thread-safe: candle_store locks around it.
class candle_series {
 public:
  // interval_ms > 0; fixed_grid false (for "1M") turns gap detection off.
  candle_series(std::int64_t interval_ms, bool fixed_grid, std::size_t capacity);

  merge_result merge(const tb_candle* candles, std::size_t count);
  // Holes in the open-time grid between held closed candles, and between the last closed
  // candle and the open one. Oldest first.
  std::vector<candle_gap> gaps() const;
  // False when gaps() is certainly empty: every merge since the last time gaps() found none
  // appended a candle right after the last one. Spares a scan of the window per pushed candle.
  bool may_have_gaps() const noexcept { return may_have_gaps_; }

  // The i-th oldest closed candle (i < size()).
  tb_candle at(std::size_t i) const noexcept { return price_codec::unpack(closed_[i], scale_); }
  // Replaces `out` with every closed candle, oldest first.
  void copy_closed(std::vector<tb_candle>& out) const;
  // Every closed candle decoded, oldest first, contiguous: size() of them. Valid until the
  // next merge. Kept up to date as candles are appended (one decode per new candle), so a
  // strategy pass after each new candle costs no copy of the window; an insert (backfill)
  // or a change of price scale decodes the window again on the next call.
  const tb_candle* decoded_closed() const;
  std::size_t size() const noexcept { return closed_.size(); }
  int price_scale() const noexcept { return scale_; }
  // Bytes held by the closed candles' array.
  std::size_t memory_bytes() const noexcept { return closed_.size() * sizeof(compact_candle); }
  std::size_t capacity() const noexcept { return capacity_; }
  std::int64_t interval_ms() const noexcept { return interval_ms_; }
  std::optional<tb_candle> last_closed() const;
  std::optional<tb_candle> open_candle() const;

 private:
  void merge_closed(const tb_candle& c, merge_result& r);
  void merge_open(const tb_candle& c, merge_result& r);
  void adapt_scale(const tb_candle& c);
  std::int64_t last_open_ms() const noexcept { return closed_.back().open_time_ms; }

  std::int64_t interval_ms_;
  bool fixed_grid_;
  std::size_t capacity_;
  int scale_ = price_codec::min_scale;  // raised by the first candle
  double largest_price_ = 0;            // |price| bound over every candle merged so far
  std::deque<compact_candle> closed_;  // a full window drops its oldest in O(1)
  std::optional<tb_candle> open_;
  mutable bool may_have_gaps_ = false;
  // decoded_closed(): the window at decoded_[decoded_begin_, + size()), with room after it
  // so appends rarely move it. Empty until asked for; dropped by anything but an append.
  void append_decoded(const compact_candle& packed, bool dropped_oldest);
  mutable std::vector<tb_candle> decoded_;
  mutable std::size_t decoded_begin_ = 0;
  mutable bool decoded_valid_ = false;
};

}  // namespace tb::host
