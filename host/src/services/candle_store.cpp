#include "services/candle_store.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "services/interval.hpp"

namespace tb::host {

candle_store::candle_store(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("candle_store: capacity must be positive");
}

candle_store::~candle_store() = default;

// The symbol's few series, found by its id and a string comparison: no allocation, no tree
// walk (every pushed candle and every strategy pass looks series up).
candle_store::entry* candle_store::find_locked(std::uint32_t symbol_id,
                                               std::string_view interval) const {
  if (symbol_id >= by_symbol_.size()) return nullptr;
  for (entry* e : by_symbol_[symbol_id]) {
    if (e->interval == interval) return e;
  }
  return nullptr;
}

candle_store::entry* candle_store::find(std::uint32_t symbol_id,
                                        std::string_view interval) const {
  std::lock_guard lock(mutex_);
  return find_locked(symbol_id, interval);
}

candle_store::entry& candle_store::find_or_create(std::uint32_t symbol_id,
                                                  std::string_view symbol,
                                                  std::string_view interval) {
  std::lock_guard lock(mutex_);
  if (entry* found = find_locked(symbol_id, interval)) return *found;
  const std::int64_t ms = interval_ms(interval);
  if (ms == 0) {
    throw std::invalid_argument("candle_store: unknown interval '" + std::string(interval) +
                                "'; use a Binance code such as 1m, 15m, 1h, 4h, 1d");
  }
  auto e = std::make_unique<entry>(std::string(symbol), std::string(interval), symbol_id, ms,
                                   fixed_interval(interval), capacity_);
  entry& ref = *e;
  entries_.push_back(std::move(e));
  if (symbol_id >= by_symbol_.size()) by_symbol_.resize(symbol_id + 1);
  by_symbol_[symbol_id].push_back(&ref);
  return ref;
}

merge_result candle_store::merge(std::uint32_t symbol_id, std::string_view symbol,
                                 std::string_view interval, const tb_candle* candles,
                                 std::size_t count, std::vector<candle_gap>* gaps) {
  entry& e = find_or_create(symbol_id, symbol, interval);
  std::lock_guard lock(e.mutex);
  merge_result r = e.series.merge(candles, count);
  if (gaps != nullptr && e.series.may_have_gaps()) *gaps = e.series.gaps();
  return r;
}

std::optional<tb_candle> candle_store::last_closed(std::uint32_t symbol_id,
                                                   std::string_view interval) const {
  const entry* e = find(symbol_id, interval);
  if (e == nullptr) return std::nullopt;
  std::lock_guard lock(e->mutex);
  return e->series.last_closed();
}

std::optional<tb_candle> candle_store::open_candle(std::uint32_t symbol_id,
                                                   std::string_view interval) const {
  const entry* e = find(symbol_id, interval);
  if (e == nullptr) return std::nullopt;
  std::lock_guard lock(e->mutex);
  return e->series.open_candle();
}

std::vector<tb_candle> candle_store::closed_candles(std::uint32_t symbol_id,
                                                    std::string_view interval) const {
  const entry* e = find(symbol_id, interval);
  if (e == nullptr) return {};
  std::vector<tb_candle> out;
  std::lock_guard lock(e->mutex);
  e->series.copy_closed(out);
  return out;
}

std::vector<candle_gap> candle_store::gaps(std::uint32_t symbol_id,
                                           std::string_view interval) const {
  const entry* e = find(symbol_id, interval);
  if (e == nullptr) return {};
  std::lock_guard lock(e->mutex);
  return e->series.gaps();
}

std::size_t candle_store::series_count() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t candle_store::candle_bytes() const {
  std::lock_guard lock(mutex_);
  std::size_t total = 0;
  for (const auto& e : entries_) {
    std::lock_guard series_lock(e->mutex);
    total += e->series.memory_bytes();
  }
  return total;
}

std::vector<const candle_store::entry*> candle_store::lock_all(
    const std::vector<series_id>& ids, std::vector<std::unique_lock<std::mutex>>& locks) const {
  std::vector<const entry*> entries;
  entries.reserve(ids.size());
  {
    std::lock_guard lock(mutex_);
    for (const auto& [symbol_id, interval] : ids) {
      if (const entry* e = find_locked(symbol_id, interval)) entries.push_back(e);
    }
  }
  std::vector<const entry*> order = entries;
  std::sort(order.begin(), order.end(), std::less<const entry*>());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  locks.reserve(order.size());
  for (const entry* e : order) locks.emplace_back(e->mutex);
  return entries;
}

tb_series candle_store::view(const entry& e) {
  tb_series s{};
  s.struct_size = sizeof s;
  s.symbol_id = e.symbol_id;
  s.symbol = e.symbol.c_str();
  s.interval = e.interval.c_str();
  s.interval_s = static_cast<std::uint32_t>(e.series.interval_ms() / 1000);
  s.candle_stride = sizeof(tb_candle);
  s.count = e.series.size();
  s.candles = e.series.decoded_closed();
  return s;
}

}  // namespace tb::host
