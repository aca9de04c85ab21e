#pragma once

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/candle_series.hpp"

namespace tb::host {

// Every (symbol, interval) series of closed candles the bot holds, each bounded to the
// largest lookback any consumer needs. Series are created on first merge and never removed,
// so a tb_series view's symbol and interval strings stay valid for the store's lifetime.
//
// Thread-safety: every member may be called from any thread, concurrently (websocket
// callbacks merge while scans read). Each series has its own lock; with_series() holds it
// while the callback runs, so keep the callback short and do not merge from inside it.
class candle_store {
 public:
  // capacity: closed candles kept per series (> 0).
  explicit candle_store(std::size_t capacity);
  ~candle_store();
  candle_store(const candle_store&) = delete;
  candle_store& operator=(const candle_store&) = delete;

  // Merges candles (oldest first) into the series; `gaps`, when given, receives the holes
  // the series has afterwards. Throws std::invalid_argument for an unknown interval code.
  merge_result merge(std::uint32_t symbol_id, std::string_view symbol, std::string_view interval,
                     const tb_candle* candles, std::size_t count,
                     std::vector<candle_gap>* gaps = nullptr);

  std::optional<tb_candle> last_closed(std::uint32_t symbol_id, std::string_view interval) const;
  std::optional<tb_candle> open_candle(std::uint32_t symbol_id, std::string_view interval) const;
  std::vector<tb_candle> closed_candles(std::uint32_t symbol_id, std::string_view interval) const;
  std::vector<candle_gap> gaps(std::uint32_t symbol_id, std::string_view interval) const;

  // Calls f(const tb_series&) with a view of the closed candles, under the series' lock.
  // False (f not called) when the series does not exist. The view's candles are the series'
  // decoded window (candle_series::decoded_closed), kept up to date as candles arrive.
  template <class F>
  bool with_series(std::uint32_t symbol_id, std::string_view interval, F&& f) const;

  // Calls f(const std::vector<tb_series>&) with views of every listed series that exists, in
  // the order given, holding all their locks, so a strategy's on_scan sees one consistent
  // state. Locks are taken in address order (merges hold one at a time), so this cannot
  // deadlock. Pushed candles wait while f runs: keep f to one scan. Returns the view count.
  using series_id = std::pair<std::uint32_t, std::string>;
  template <class F>
  std::size_t with_series_set(const std::vector<series_id>& ids, F&& f) const;

  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t series_count() const;
  // Bytes held by every series' closed-candle array (the records, not the bookkeeping).
  std::size_t candle_bytes() const;

 private:
  struct entry {
    entry(std::string sym, std::string iv, std::uint32_t id, std::int64_t ms, bool fixed,
          std::size_t capacity)
        : symbol(std::move(sym)), interval(std::move(iv)), symbol_id(id),
          series(ms, fixed, capacity) {}
    std::string symbol;
    std::string interval;
    std::uint32_t symbol_id;
    mutable std::mutex mutex;
    candle_series series;  // guarded by mutex
  };

  entry* find(std::uint32_t symbol_id, std::string_view interval) const;
  entry* find_locked(std::uint32_t symbol_id, std::string_view interval) const;  // mutex_ held
  entry& find_or_create(std::uint32_t symbol_id, std::string_view symbol,
                        std::string_view interval);
  // A view of e's closed candles (valid while e's lock is held and nothing is merged).
  static tb_series view(const entry& e);
  // The existing entries of `ids` in order, and their locks, taken in address order.
  std::vector<const entry*> lock_all(const std::vector<series_id>& ids,
                                     std::vector<std::unique_lock<std::mutex>>& locks) const;

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<entry>> entries_;  // owns every series; guarded by mutex_
  std::vector<std::vector<entry*>> by_symbol_;   // symbol id -> its series; guarded by mutex_
};

template <class F>
bool candle_store::with_series(std::uint32_t symbol_id, std::string_view interval, F&& f) const {
  const entry* e = find(symbol_id, interval);
  if (e == nullptr) return false;
  std::lock_guard lock(e->mutex);
  f(view(*e));
  return true;
}

template <class F>
std::size_t candle_store::with_series_set(const std::vector<series_id>& ids, F&& f) const {
  std::vector<std::unique_lock<std::mutex>> locks;
  const auto entries = lock_all(ids, locks);
  std::vector<tb_series> views;
  views.reserve(entries.size());
  for (const entry* e : entries) views.push_back(view(*e));
  f(static_cast<const std::vector<tb_series>&>(views));
  return views.size();
}

}  // namespace tb::host
