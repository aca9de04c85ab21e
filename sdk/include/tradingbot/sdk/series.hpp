// Read-only views over the candles the host lends a strategy for one on_scan call.
//
// Everything here is borrowed: a series_view points into host memory that is valid only
// until on_scan returns. Copy what you keep (numbers, or std::string for the symbol).
// Candles are walked with the series' candle_stride, so a plugin built against this header
// keeps working when a later host passes longer candles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/signal.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

using candle = tb_candle;

// A random-access iterator over candles laid out `stride` bytes apart.
class candle_iterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = candle;
  using difference_type = std::ptrdiff_t;
  using pointer = const candle*;
  using reference = const candle&;

  candle_iterator() noexcept = default;
  candle_iterator(const unsigned char* at, std::size_t stride) noexcept
      : at_(at), stride_(static_cast<difference_type>(stride)) {}

  reference operator*() const noexcept { return *reinterpret_cast<pointer>(at_); }
  pointer operator->() const noexcept { return reinterpret_cast<pointer>(at_); }
  reference operator[](difference_type n) const noexcept { return *(*this + n); }

  candle_iterator& operator++() noexcept { at_ += stride_; return *this; }
  candle_iterator operator++(int) noexcept { candle_iterator old = *this; ++*this; return old; }
  candle_iterator& operator--() noexcept { at_ -= stride_; return *this; }
  candle_iterator operator--(int) noexcept { candle_iterator old = *this; --*this; return old; }
  candle_iterator& operator+=(difference_type n) noexcept { at_ += n * stride_; return *this; }
  candle_iterator& operator-=(difference_type n) noexcept { at_ -= n * stride_; return *this; }
  friend candle_iterator operator+(candle_iterator it, difference_type n) noexcept {
    return it += n;
  }
  friend candle_iterator operator+(difference_type n, candle_iterator it) noexcept {
    return it += n;
  }
  friend candle_iterator operator-(candle_iterator it, difference_type n) noexcept {
    return it -= n;
  }
  friend difference_type operator-(const candle_iterator& a, const candle_iterator& b) noexcept {
    return a.stride_ == 0 ? 0 : (a.at_ - b.at_) / a.stride_;
  }
  friend bool operator==(const candle_iterator& a, const candle_iterator& b) noexcept {
    return a.at_ == b.at_;
  }
  friend bool operator!=(const candle_iterator& a, const candle_iterator& b) noexcept {
    return a.at_ != b.at_;
  }
  friend bool operator<(const candle_iterator& a, const candle_iterator& b) noexcept {
    return a.at_ < b.at_;
  }
  friend bool operator>(const candle_iterator& a, const candle_iterator& b) noexcept {
    return b < a;
  }
  friend bool operator<=(const candle_iterator& a, const candle_iterator& b) noexcept {
    return !(b < a);
  }
  friend bool operator>=(const candle_iterator& a, const candle_iterator& b) noexcept {
    return !(a < b);
  }

 private:
  const unsigned char* at_ = nullptr;
  difference_type stride_ = 0;
};

// One symbol's candles at one interval, oldest first. The newest candle may still be open:
// check `flags & TB_CANDLE_CLOSED`.
class series_view {
 public:
  // An empty series.
  series_view() noexcept = default;

  // Copies the series' header (not its candles), so the view may outlive the tb_series it
  // was made from, though never the call that lent the candles. A malformed series (see
  // well_formed) is seen as empty.
  explicit series_view(const tb_series& series) noexcept {
    std::size_t size = series.struct_size;
    if (size > sizeof raw_) size = sizeof raw_;
    std::memcpy(&raw_, &series, size);
    if (well_formed(series)) {
      base_ = reinterpret_cast<const unsigned char*>(series.candles);
      stride_ = series.candle_stride;
      count_ = static_cast<std::size_t>(series.count);
    }
  }

  // struct_size covers the 1.0 fields, candle_stride is at least sizeof(tb_candle), and
  // candles is set when count > 0. The on_scan thunk rejects a batch with a malformed series
  // (TB_E_INVALID_ARGUMENT) before the strategy sees it.
  static bool well_formed(const tb_series& series) noexcept {
    return TB_HAS(&series, tb_series, candles) && series.candle_stride >= sizeof(tb_candle) &&
           (series.count == 0 || series.candles != nullptr);
  }

  std::string_view symbol() const noexcept { return text(raw_.symbol); }
  std::string_view interval() const noexcept { return text(raw_.interval); }
  // Host-interned and stable for the life of the process: a cheap per-symbol key.
  std::uint32_t symbol_id() const noexcept { return raw_.symbol_id; }
  // The interval in seconds (1M counts 30 days).
  std::uint32_t interval_s() const noexcept { return raw_.interval_s; }

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

  // Unchecked: i < size().
  const candle& operator[](std::size_t i) const noexcept {
    return *reinterpret_cast<const candle*>(base_ + i * stride_);
  }
  // Checked: throws tb::sdk::error(TB_E_INVALID_ARGUMENT) when i >= size().
  const candle& at(std::size_t i) const {
    if (i >= count_) {
      throw error(TB_E_INVALID_ARGUMENT, "series " + std::string(symbol()) + " " +
                                             std::string(interval()) + ": candle " +
                                             std::to_string(i) + " of " +
                                             std::to_string(count_) + " requested");
    }
    return (*this)[i];
  }
  // Unchecked: !empty().
  const candle& front() const noexcept { return (*this)[0]; }
  const candle& back() const noexcept { return (*this)[count_ - 1]; }

  candle_iterator begin() const noexcept { return candle_iterator(base_, stride_); }
  candle_iterator end() const noexcept {
    return candle_iterator(base_ + count_ * stride_, stride_);
  }

  // A copy of the C struct's header (all zero for a default-constructed view).
  const tb_series& raw() const noexcept { return raw_; }

 private:
  static std::string_view text(const char* s) noexcept {
    return s != nullptr ? std::string_view(s) : std::string_view();
  }

  tb_series raw_{};
  const unsigned char* base_ = nullptr;
  std::size_t stride_ = sizeof(tb_candle);
  std::size_t count_ = 0;
};

// The batch of one scan: every series of the universe, all needed intervals.
class series_batch {
 public:
  // Iterates series_view values (a proxy, returned by value).
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = series_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = series_view;

    iterator() noexcept = default;
    explicit iterator(const tb_series* at) noexcept : at_(at) {}
    series_view operator*() const noexcept { return series_view(*at_); }
    iterator& operator++() noexcept { ++at_; return *this; }
    iterator operator++(int) noexcept { iterator old = *this; ++at_; return old; }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.at_ == b.at_; }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.at_ != b.at_; }

   private:
    const tb_series* at_ = nullptr;
  };

  series_batch() noexcept = default;
  series_batch(const tb_series* series, std::size_t count) noexcept
      : series_(series), count_(series != nullptr ? count : 0) {}

  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  // Unchecked: i < size().
  series_view operator[](std::size_t i) const noexcept { return series_view(series_[i]); }
  iterator begin() const noexcept { return iterator(series_); }
  iterator end() const noexcept { return iterator(series_ + count_); }

  // The series for a symbol at an interval ("BTCUSDT", "4h"), if the batch has it. Linear:
  // fine for a few lookups; group the batch yourself to look up every symbol.
  std::optional<series_view> find(std::string_view symbol, std::string_view interval) const
      noexcept {
    for (std::size_t i = 0; i < count_; ++i) {
      const series_view s(series_[i]);
      if (s.symbol() == symbol && s.interval() == interval) return s;
    }
    return std::nullopt;
  }

 private:
  const tb_series* series_ = nullptr;
  std::size_t count_ = 0;
};

// A signal for the newest candle of `decided_on`: symbol, symbol id, interval and the close
// time of its last candle (0 for an empty series). Add prices, confidence and reason with the
// setters.
inline signal signal_for(const series_view& decided_on, side direction) {
  return signal(std::string(decided_on.symbol()), decided_on.symbol_id(), direction,
                decided_on.interval_s(),
                decided_on.empty() ? 0 : decided_on.back().close_time_ms);
}

}  // namespace tb::sdk
