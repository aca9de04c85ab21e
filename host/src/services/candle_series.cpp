#include "services/candle_series.hpp"

#include <algorithm>
#include <stdexcept>

namespace tb::host {

candle_series::candle_series(std::int64_t interval_ms, bool fixed_grid, std::size_t capacity)
    : interval_ms_(interval_ms), fixed_grid_(fixed_grid), capacity_(capacity) {
  if (interval_ms <= 0 || capacity == 0) {
    throw std::invalid_argument("candle_series: interval and capacity must be positive");
  }
}

merge_result candle_series::merge(const tb_candle* candles, std::size_t count) {
  merge_result r;
  for (std::size_t i = 0; i < count; ++i) {
    if ((candles[i].flags & TB_CANDLE_CLOSED) != 0) {
      merge_closed(candles[i], r);
    } else {
      merge_open(candles[i], r);
    }
  }
  return r;
}

void candle_series::adapt_scale(const tb_candle& c) {
  largest_price_ = std::max(largest_price_, price_codec::largest_price(c));
  int wanted = std::max(scale_, price_codec::decimals_needed(c));
  while (wanted > price_codec::min_scale && !price_codec::fits(largest_price_, wanted)) --wanted;
  if (wanted == scale_) return;
  for (auto& held : closed_) held = price_codec::pack(price_codec::unpack(held, scale_), wanted);
  scale_ = wanted;
  decoded_valid_ = false;
}

void candle_series::merge_closed(const tb_candle& c, merge_result& r) {
  if (open_ && open_->open_time_ms <= c.open_time_ms) open_.reset();
  const bool newest = closed_.empty() || c.open_time_ms > last_open_ms();
  // Anything but the next candle of the grid (or a first one) may open a hole.
  if (!closed_.empty() && (!newest || c.open_time_ms != last_open_ms() + interval_ms_)) {
    may_have_gaps_ = true;
  }
  auto pos = closed_.end();
  if (!newest) {
    pos = std::lower_bound(
        closed_.begin(), closed_.end(), c.open_time_ms,
        [](const compact_candle& held, std::int64_t t) { return held.open_time_ms < t; });
    if (pos->open_time_ms == c.open_time_ms ||
        (pos == closed_.begin() && closed_.size() == capacity_)) {
      ++r.duplicates;  // held already, or older than the whole full window
      return;
    }
  }
  const auto index = pos - closed_.begin();
  adapt_scale(c);
  const compact_candle packed = price_codec::pack(c, scale_);
  if (newest) {
    const bool full = closed_.size() == capacity_;
    if (full) closed_.erase(closed_.begin());
    closed_.push_back(packed);
    append_decoded(packed, full);
    ++r.appended;
    return;
  }
  decoded_valid_ = false;
  pos = closed_.begin() + index;
  if (closed_.size() == capacity_) {
    closed_.erase(closed_.begin());
    pos = closed_.begin() + (index - 1);
  }
  closed_.insert(pos, packed);
  ++r.inserted;
}

void candle_series::merge_open(const tb_candle& c, merge_result& r) {
  if (!closed_.empty() && c.open_time_ms <= last_open_ms()) {
    ++r.duplicates;
    return;
  }
  // Within one candle the trade count only grows: a smaller one is an older snapshot (a
  // cached REST answer arriving after a fresher websocket push).
  if (open_ && (c.open_time_ms < open_->open_time_ms ||
                (c.open_time_ms == open_->open_time_ms && c.trade_count < open_->trade_count))) {
    ++r.duplicates;
    return;
  }
  open_ = c;
  r.open_replaced = true;
  may_have_gaps_ = true;  // checked against the last closed one by gaps()
}

std::vector<candle_gap> candle_series::gaps() const {
  std::vector<candle_gap> out;
  if (!fixed_grid_) return out;
  auto check = [&](std::int64_t prev, std::int64_t next) {
    if (next - prev > interval_ms_) out.push_back({prev + interval_ms_, next - interval_ms_});
  };
  for (std::size_t i = 1; i < closed_.size(); ++i) {
    check(closed_[i - 1].open_time_ms, closed_[i].open_time_ms);
  }
  if (!closed_.empty() && open_) check(last_open_ms(), open_->open_time_ms);
  if (out.empty()) may_have_gaps_ = false;
  return out;
}

// The window's one new candle, decoded at its end, after the oldest one when the store was
// full and dropped it. When the room after the window runs out the window moves to the front
// (amortized: the room is a quarter of the window).
void candle_series::append_decoded(const compact_candle& packed, bool dropped_oldest) {
  if (!decoded_valid_) return;
  if (dropped_oldest) ++decoded_begin_;
  const std::size_t held = closed_.size() - 1;  // the window before this candle
  if (decoded_begin_ + held == decoded_.size()) {
    std::copy(decoded_.begin() + static_cast<std::ptrdiff_t>(decoded_begin_), decoded_.end(),
              decoded_.begin());
    decoded_.resize(held + held / 4 + 8);
    decoded_begin_ = 0;
  }
  decoded_[decoded_begin_ + held] = price_codec::unpack(packed, scale_);
}

const tb_candle* candle_series::decoded_closed() const {
  if (!decoded_valid_) {
    decoded_.resize(closed_.size() + closed_.size() / 4 + 8);
    for (std::size_t i = 0; i < closed_.size(); ++i) decoded_[i] = price_codec::unpack(closed_[i], scale_);
    decoded_begin_ = 0;
    decoded_valid_ = true;
  }
  return decoded_.data() + decoded_begin_;
}

void candle_series::copy_closed(std::vector<tb_candle>& out) const {
  out.resize(closed_.size());
  for (std::size_t i = 0; i < closed_.size(); ++i) out[i] = price_codec::unpack(closed_[i], scale_);
}

std::optional<tb_candle> candle_series::last_closed() const {
  if (closed_.empty()) return std::nullopt;
  return at(closed_.size() - 1);
}

std::optional<tb_candle> candle_series::open_candle() const { return open_; }

}  // namespace tb::host
