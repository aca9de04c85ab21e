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
  make_room(count);
  for (std::size_t i = 0; i < count; ++i) {
    if ((candles[i].flags & TB_CANDLE_CLOSED) != 0) {
      merge_closed(candles[i], r);
    } else {
      merge_open(candles[i], r);
    }
  }
  return r;
}

// Grows the array to what `more` candles may need, capped at the capacity: a batch costs one
// allocation, single pushes double it, and nothing is reserved that may never be filled.
void candle_series::make_room(std::size_t more) {
  const std::size_t wanted = std::min(capacity_, closed_.size() + more);
  if (wanted <= closed_.capacity()) return;
  const std::size_t doubled = std::min(capacity_, std::max<std::size_t>(8, closed_.size() * 2));
  closed_.reserve(more == 1 ? std::max(wanted, doubled) : wanted);
}

void candle_series::adapt_scale(const tb_candle& c) {
  largest_price_ = std::max(largest_price_, price_codec::largest_price(c));
  int wanted = std::max(scale_, price_codec::decimals_needed(c));
  while (wanted > price_codec::min_scale && !price_codec::fits(largest_price_, wanted)) --wanted;
  if (wanted == scale_) return;
  for (auto& held : closed_) held = price_codec::pack(price_codec::unpack(held, scale_), wanted);
  scale_ = wanted;
}

void candle_series::merge_closed(const tb_candle& c, merge_result& r) {
  if (open_ && open_->open_time_ms <= c.open_time_ms) open_.reset();
  const bool newest = closed_.empty() || c.open_time_ms > last_open_ms();
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
    if (closed_.size() == capacity_) closed_.erase(closed_.begin());
    closed_.push_back(packed);
    ++r.appended;
    return;
  }
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
  return out;
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
