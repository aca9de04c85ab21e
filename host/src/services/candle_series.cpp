#include "services/candle_series.hpp"

#include <algorithm>
#include <stdexcept>

namespace tb::host {

candle_series::candle_series(std::int64_t interval_ms, bool fixed_grid, std::size_t capacity)
    : interval_ms_(interval_ms), fixed_grid_(fixed_grid), capacity_(capacity) {
  if (interval_ms <= 0 || capacity == 0) {
    throw std::invalid_argument("candle_series: interval and capacity must be positive");
  }
  closed_.reserve(capacity);
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

void candle_series::merge_closed(const tb_candle& c, merge_result& r) {
  if (open_ && open_->open_time_ms <= c.open_time_ms) open_.reset();
  if (closed_.empty() || c.open_time_ms > closed_.back().open_time_ms) {
    if (closed_.size() == capacity_) closed_.erase(closed_.begin());
    closed_.push_back(c);
    ++r.appended;
    return;
  }
  auto pos = std::lower_bound(
      closed_.begin(), closed_.end(), c.open_time_ms,
      [](const tb_candle& held, std::int64_t t) { return held.open_time_ms < t; });
  if (pos->open_time_ms == c.open_time_ms || (pos == closed_.begin() && closed_.size() == capacity_)) {
    ++r.duplicates;  // held already, or older than the whole full window
    return;
  }
  if (closed_.size() == capacity_) {
    const auto index = pos - closed_.begin();
    closed_.erase(closed_.begin());
    pos = closed_.begin() + (index - 1);
  }
  closed_.insert(pos, c);
  ++r.inserted;
}

void candle_series::merge_open(const tb_candle& c, merge_result& r) {
  if (!closed_.empty() && c.open_time_ms <= closed_.back().open_time_ms) {
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
  if (!closed_.empty() && open_) check(closed_.back().open_time_ms, open_->open_time_ms);
  return out;
}

std::optional<tb_candle> candle_series::last_closed() const {
  if (closed_.empty()) return std::nullopt;
  return closed_.back();
}

std::optional<tb_candle> candle_series::open_candle() const { return open_; }

}  // namespace tb::host
