#include "market/market.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace tb::fake {
namespace {

constexpr std::size_t max_cached_bars = 4'000'000;

// The bar under `key` of a cache of closed bars; `build` makes it, and only closed bars are kept.
template <class Build>
candle cached(std::unordered_map<std::int64_t, candle>& cache, std::int64_t key, bool closed,
              const Build& build) {
  if (!closed) return build();
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  return cache.emplace(key, build()).first->second;
}

// The part of a minute bar already traded at `fraction` of the minute.
candle partial(const candle& full, double fraction) {
  candle c = full;
  const auto lerp = [fraction](std::int64_t a, std::int64_t b) {
    return a + static_cast<std::int64_t>(static_cast<double>(b - a) * fraction);
  };
  c.close = lerp(full.open, full.close);
  c.high = std::max(c.open, c.close) + static_cast<std::int64_t>(static_cast<double>(full.high - std::max(full.open, full.close)) * fraction);
  c.low = std::min(c.open, c.close) - static_cast<std::int64_t>(static_cast<double>(std::min(full.open, full.close) - full.low) * fraction);
  c.low = std::max<std::int64_t>(1, c.low);
  c.volume = static_cast<std::int64_t>(static_cast<double>(full.volume) * fraction);
  c.taker_buy_volume = std::min(c.volume, static_cast<std::int64_t>(static_cast<double>(full.taker_buy_volume) * fraction));
  c.quote_volume = full.quote_volume * fraction;
  c.taker_buy_quote = full.taker_buy_quote * fraction;
  c.trades = static_cast<std::int64_t>(static_cast<double>(full.trades) * fraction);
  return c;
}

}  // namespace

market::market(const symbol_catalog& catalog, const sim_clock& clock)
    : catalog_(catalog),
      clock_(clock),
      max_cached_per_symbol_(max_cached_bars / std::max<std::size_t>(1, catalog.all().size())) {
  for (const auto& spec : catalog.all()) {
    auto s = std::make_unique<symbol_state>();
    s->path = std::make_unique<price_path>(spec);
    states_.emplace(spec.symbol, std::move(s));
  }
}

market::symbol_state& market::state_of(const symbol_spec& spec, std::unique_lock<std::mutex>& lock) {
  symbol_state* s = nullptr;
  {
    std::shared_lock read(states_mutex_);
    if (const auto it = states_.find(spec.symbol); it != states_.end()) s = it->second.get();
  }
  if (s == nullptr) {
    std::unique_lock write(states_mutex_);
    auto& slot = states_[spec.symbol];
    if (!slot) {
      slot = std::make_unique<symbol_state>();
      slot->path = std::make_unique<price_path>(spec);
    }
    s = slot.get();
  }
  lock = std::unique_lock(s->mutex);
  if (s->closed_hours.size() + s->closed_days.size() > max_cached_per_symbol_) {
    s->closed_hours.clear();
    s->closed_days.clear();
  }
  return *s;
}

candle market::minutes(symbol_state& s, std::int64_t from, std::int64_t to, std::int64_t now) {
  candle out;
  out.open_time = from;
  for (std::int64_t h0 = floor_div(from - history_epoch_ms, hour_ms); ; ++h0) {
    const std::int64_t hour_open = history_epoch_ms + h0 * hour_ms;
    if (hour_open >= to || hour_open > now) break;
    const auto bars = s.path->hour_minutes(floor_div(h0, 24), static_cast<int>(h0 - floor_div(h0, 24) * 24));
    for (const auto& m : bars) {
      if (m.open_time < from || m.open_time >= to || m.open_time > now) continue;
      if (m.open_time + minute_ms > now)
        out.fold(partial(m, static_cast<double>(now - m.open_time) / static_cast<double>(minute_ms)));
      else
        out.fold(m);
    }
  }
  return out;
}

candle market::hour(symbol_state& s, std::int64_t hour_index, std::int64_t now) {
  const std::int64_t open = history_epoch_ms + hour_index * hour_ms;
  return cached(s.closed_hours, hour_index, open + hour_ms <= now,
                [&] { return minutes(s, open, open + hour_ms, now); });
}

candle market::day(symbol_state& s, std::int64_t day_index, std::int64_t now) {
  const std::int64_t open = history_epoch_ms + day_index * day_ms;
  return cached(s.closed_days, day_index, open + day_ms <= now, [&] {
    candle c;
    c.open_time = open;
    for (std::int64_t h = 0; h < 24; ++h) {
      if (open + h * hour_ms > now) break;
      // Hours of a closed day are folded directly, not cached: the day is what gets reused.
      const std::int64_t hi = day_index * 24 + h;
      const auto it = s.closed_hours.find(hi);
      c.fold(it != s.closed_hours.end() ? it->second
                                        : minutes(s, open + h * hour_ms, open + (h + 1) * hour_ms, now));
    }
    return c;
  });
}

candle market::fold_range(symbol_state& s, const symbol_spec& spec, std::int64_t from,
                          std::int64_t to, std::int64_t now) {
  candle out;
  out.open_time = from;
  const std::int64_t data_start = std::max(history_epoch_ms, spec.onboard_date);
  from = std::max(from, data_start);
  to = std::min(to, now + 1);
  std::int64_t t = from;
  while (t < to) {
    const std::int64_t rel = t - history_epoch_ms;
    if (rel % day_ms == 0 && t + day_ms <= to) {
      out.fold(day(s, rel / day_ms, now));
      t += day_ms;
    } else if (rel % hour_ms == 0 && t + hour_ms <= to) {
      out.fold(hour(s, rel / hour_ms, now));
      t += hour_ms;
    } else {
      const std::int64_t end = std::min(to, history_epoch_ms + (floor_div(rel, hour_ms) + 1) * hour_ms);
      out.fold(minutes(s, t, end, now));
      t = end;
    }
  }
  out.open_time = out.empty ? 0 : out.open_time;
  return out;
}

candle market::bar(const symbol_spec& spec, const interval& iv, std::int64_t open, std::int64_t now) {
  std::unique_lock<std::mutex> lock;
  auto c = fold_range(state_of(spec, lock), spec, open, iv.next(open), now);
  c.open_time = open;
  return c;
}

std::vector<candle> market::klines(const symbol_spec& spec, const interval& iv, const kline_query& q,
                                   std::int64_t now) {
  const std::int64_t current = iv.open_of(now);
  const std::int64_t data_start = iv.open_of(std::max(history_epoch_ms, spec.onboard_date));
  std::int64_t first = 0;
  std::int64_t last = 0;  // inclusive open times
  const auto limit = static_cast<std::size_t>(q.limit);
  if (q.start_time) {
    first = iv.open_of(*q.start_time);
    if (first < *q.start_time) first = iv.next(first);
    first = std::max(first, data_start);
    last = q.end_time ? std::min(iv.open_of(*q.end_time), current) : current;
  } else {
    last = q.end_time ? std::min(iv.open_of(*q.end_time), current) : current;
    first = last;
    for (std::size_t n = 1; n < limit && first > data_start; ++n) first = iv.prev(first);
    first = std::max(first, data_start);
  }
  std::vector<candle> out;
  out.reserve(std::min<std::size_t>(limit, 1500));
  std::unique_lock<std::mutex> lock;
  auto& s = state_of(spec, lock);
  for (std::int64_t open = first; open <= last && out.size() < limit; open = iv.next(open)) {
    candle c = fold_range(s, spec, open, iv.next(open), now);
    if (c.empty) continue;
    c.open_time = open;
    c.first_trade_id = (open - history_epoch_ms) / minute_ms * 1000;
    out.push_back(c);
  }
  return out;
}

std::int64_t market::last_price(const symbol_spec& spec, std::int64_t now) {
  std::unique_lock<std::mutex> lock;
  const std::int64_t open = now - (now - history_epoch_ms) % minute_ms;
  return minutes(state_of(spec, lock), open, open + minute_ms, now).close;
}

ticker_24h market::ticker(const symbol_spec& spec, std::int64_t now) {
  std::unique_lock<std::mutex> lock;
  auto& s = state_of(spec, lock);
  ticker_24h t;
  t.open_time = now - day_ms;
  t.close_time = now;
  t.window = fold_range(s, spec, t.open_time - (t.open_time - history_epoch_ms) % minute_ms, now + 1, now);
  t.last_qty_steps = 1 + static_cast<std::int64_t>(t.window.close % 7);
  return t;
}

void market::prewarm_hours(std::int64_t hours, std::int64_t now, int threads) {
  const std::int64_t current = floor_div(now - history_epoch_ms, hour_ms);
  const auto& specs = catalog_.all();
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < specs.size(); i = next++) {
      std::unique_lock<std::mutex> lock;
      auto& s = state_of(specs[i], lock);
      const std::int64_t listed = std::max(history_epoch_ms, specs[i].onboard_date) - history_epoch_ms;
      const std::int64_t first_hour = std::max(current - hours, -floor_div(-listed, hour_ms));
      for (std::int64_t h = first_hour; h < current; ++h) hour(s, h, now);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace tb::fake
