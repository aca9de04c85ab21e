#include "services/data_service.hpp"

#include <algorithm>
#include <latch>
#include <stdexcept>

#include "services/cached_candles.hpp"
#include "services/interval.hpp"

namespace tb::host {

// One stream subscription: the sink handed to the plugin points at it.
struct data_service::subscription {
  data_service* owner = nullptr;
  std::string interval;
  std::vector<std::string> symbols;
  tb_market_sink sink{};
};

// What one symbol's task came to; written by its worker, read after the latch.
struct data_service::symbol_outcome {
  std::string symbol;
  exchange_status status;
  bool streamed = false;
  std::size_t requests = 0;
  std::size_t cache_hits = 0;
  std::size_t backfills = 0;
  std::size_t gaps_left = 0;
  std::uint64_t weight = 0;
  std::int64_t stale_age_ms = -2;  // -2: not stale; -1: no candle; else the age
};

namespace {

void ignore_order(void*, const tb_order_state*) {}
void ignore_position(void*, const tb_position*) {}
void ignore_balance(void*, const tb_balance*) {}

}  // namespace

data_service::data_service(const clock& clk, metrics_registry* metrics, health_registry* health,
                           lru_cache* cache, const plugin_instance& exchange,
                           data_service_config config)
    : clock_(clk),
      health_(health),
      cache_(cache),
      config_(std::move(config)),
      client_(exchange),
      metrics_(metrics),
      store_(config_.lookback),
      spent_(pacing_window_ns),
      pool_(config_.batch_size) {
  if (health_ != nullptr) health_->update("data", health_state::healthy, "");
}

data_service::~data_service() {
  for (const auto& sub : subscriptions_) {
    (void)client_.unsubscribe_candles(sub->symbols, sub->interval);
  }
}

std::uint32_t data_service::klines_weight(std::uint32_t limit) noexcept {
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

exchange_status data_service::load_universe() {
  std::vector<tb_symbol_info> infos;
  const std::int64_t deadline =
      clock_.monotonic_ns() +
      std::chrono::duration_cast<std::chrono::nanoseconds>(config_.request_timeout).count();
  auto status = client_.list_symbols(deadline, infos);
  if (!status.ok()) {
    if (health_ != nullptr) {
      health_->update("data", health_state::degraded,
                      "list_symbols failed: " + status.describe());
    }
    return status;
  }
  auto selected = select_universe(infos, config_.universe);
  for (const auto& s : selected) symbols_.intern(s);
  std::lock_guard lock(mutex_);
  universe_ = std::move(selected);
  return status;
}

std::size_t data_service::live_streams() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      streams_.begin(), streams_.end(), [](const auto& entry) { return entry.second.live; }));
}

std::vector<std::string> data_service::universe() const {
  std::lock_guard lock(mutex_);
  return universe_;
}

scan_report data_service::fetch_klines_batch(const std::vector<std::string>& symbols,
                                             const std::string& interval, std::uint32_t limit) {
  if (interval_ms(interval) == 0) {
    throw std::invalid_argument("fetch_klines_batch: unknown interval '" + interval +
                                "'; use a Binance code such as 1m, 15m, 1h, 4h, 1d");
  }
  if (limit == 0) throw std::invalid_argument("fetch_klines_batch: limit must be positive");
  const std::int64_t started = clock_.monotonic_ns();
  std::vector<symbol_outcome> outcomes(symbols.size());
  run_waves(symbols, interval, limit, outcomes);

  scan_report report;
  report.interval = interval;
  for (auto& o : outcomes) {
    if (o.status.ok()) {
      report.ok.push_back(o.symbol);
    } else {
      report.failed.push_back({o.symbol, std::move(o.status)});
    }
    if (o.stale_age_ms != -2) report.stale.push_back({o.symbol, o.stale_age_ms});
    report.requests += o.requests;
    report.cache_hits += o.cache_hits;
    report.streamed += o.streamed ? 1 : 0;
    report.backfills += o.backfills;
    report.gaps_left += o.gaps_left;
    report.weight += o.weight;
  }
  report.duration_ns = clock_.monotonic_ns() - started;
  publish(report);
  return report;
}

void data_service::run_wave(const std::vector<std::string>& symbols, std::size_t first,
                            std::size_t end, const std::string& interval, std::uint32_t limit,
                            std::vector<symbol_outcome>& outcomes) {
  std::latch latch(static_cast<std::ptrdiff_t>(end - first));
  for (std::size_t i = first; i < end; ++i) {
    pool_.submit([&, i] {
      try {
        fetch_symbol(symbols[i], interval, limit, outcomes[i]);
      } catch (const std::exception& e) {
        outcomes[i].status = exchange_status{TB_E_INTERNAL, 0, e.what()};
      }
      latch.count_down();
    });
  }
  latch.wait();
}

std::string data_service::cache_key(const candle_request& r) {
  return "data.klines|" + r.symbol + "|" + r.interval + "|" + std::to_string(r.start_ms) + "|" +
         std::to_string(r.end_ms) + "|" + std::to_string(r.limit);
}

candle_request data_service::plan(const std::string& symbol, std::uint32_t id,
                                  const std::string& interval, std::uint32_t limit,
                                  std::int64_t now_ms) const {
  candle_request req{symbol, interval, 0, 0, limit};
  if (auto last = store_.last_closed(id, interval)) {
    // Candles since the last closed one, the open one included.
    const std::int64_t iv = interval_ms(interval);
    const std::int64_t from = last->open_time_ms + iv;
    const std::int64_t needed = now_ms >= from ? (now_ms - from) / iv + 1 : 1;
    if (needed < static_cast<std::int64_t>(limit)) {
      req.start_ms = from;
      req.limit = static_cast<std::uint32_t>(needed + 1);
    }
  }
  return req;
}

void data_service::fetch_symbol(const std::string& symbol, const std::string& interval,
                                std::uint32_t limit, symbol_outcome& out) {
  out.symbol = symbol;
  const std::uint32_t id = symbols_.intern(symbol);
  const std::int64_t now = clock_.wall_ms();
  const series_key key{id, interval};

  std::vector<candle_gap> gaps;
  {
    std::lock_guard lock(mutex_);
    if (auto it = pending_gaps_.find(key); it != pending_gaps_.end()) {
      gaps = std::move(it->second);
      pending_gaps_.erase(it);
    }
  }
  if (!gaps.empty()) backfill(id, symbol, interval, std::move(gaps), out);

  if (stream_keeps_current(key, now)) {
    out.streamed = true;
  } else {
    const candle_request req = plan(symbol, id, interval, limit, now);
    std::vector<tb_candle> candles;
    if (!request(req, out, candles)) return;
    store_.merge(id, symbol, interval, candles.data(), candles.size(), &gaps);
    if (!gaps.empty()) {
      metrics_.gaps.add(static_cast<double>(gaps.size()));
      backfill(id, symbol, interval, std::move(gaps), out);
    }
    std::lock_guard lock(mutex_);
    if (auto it = streams_.find(key); it != streams_.end()) it->second.needs_catch_up = false;
  }
  out.gaps_left = store_.gaps(id, interval).size();
  const std::int64_t age = stale_age_ms(id, interval, now);
  if (age != -2) out.stale_age_ms = age;
}

// One candle request through the cache; false with out.status set on failure.
bool data_service::request(const candle_request& req, symbol_outcome& out,
                           std::vector<tb_candle>& candles) {
  const std::string key = cache_key(req);
  std::string bytes;
  if (cache_ != nullptr && cache_->get(key, bytes) && decode_cached_candles(bytes, candles)) {
    ++out.cache_hits;
    metrics_.cache_hits.add();
    return true;
  }
  const std::int64_t started = clock_.monotonic_ns();
  const std::int64_t deadline =
      started +
      std::chrono::duration_cast<std::chrono::nanoseconds>(config_.request_timeout).count();
  const std::uint32_t weight = klines_weight(req.limit);
  spent_.record(started, weight);
  exchange_status status = client_.fetch_candles(req, deadline, candles);
  metrics_.fetch_seconds.observe(static_cast<double>(clock_.monotonic_ns() - started) / 1e9);
  ++out.requests;
  out.weight += weight;
  metrics_.weight.add(weight);
  if (!status.ok()) {
    metrics_.requests_failed.add();
    out.status = std::move(status);
    return false;
  }
  metrics_.requests_ok.add();
  if (cache_ != nullptr) cache_->put(key, encode_cached_candles(candles), config_.cache_ttl);
  return true;
}

// Range requests for each hole; a hole the exchange cannot fill stays (reported as gaps_left).
void data_service::backfill(std::uint32_t id, const std::string& symbol,
                            const std::string& interval, std::vector<candle_gap> gaps,
                            symbol_outcome& out) {
  const std::int64_t iv = interval_ms(interval);
  for (const auto& gap : gaps) {
    const std::int64_t missing = (gap.to_open_ms - gap.from_open_ms) / iv + 1;
    const auto limit =
        static_cast<std::uint32_t>(std::clamp<std::int64_t>(missing, 1, config_.lookback));
    candle_request req{symbol, interval, gap.from_open_ms, gap.to_open_ms + iv - 1, limit};
    std::vector<tb_candle> candles;
    ++out.backfills;
    if (!request(req, out, candles)) return;
    store_.merge(id, symbol, interval, candles.data(), candles.size());
  }
}

bool data_service::stream_keeps_current(const series_key& key, std::int64_t now_ms) {
  {
    std::lock_guard lock(mutex_);
    auto it = streams_.find(key);
    if (it == streams_.end() || !it->second.live || it->second.needs_catch_up) return false;
  }
  return stale_age_ms(key.first, key.second, now_ms) == -2;
}

// -2 when the newest closed candle is the last one that has ended (within the grace), -1 when
// there is none, else the wall time since that candle ended.
std::int64_t data_service::stale_age_ms(std::uint32_t id, const std::string& interval,
                                        std::int64_t now_ms) const {
  if (!fixed_interval(interval)) return -2;
  const std::int64_t iv = interval_ms(interval);
  const auto last = store_.last_closed(id, interval);
  if (!last) return -1;
  const std::int64_t grace = config_.stale_grace.count();
  const std::int64_t expected_open = (now_ms - grace) / iv * iv - iv;
  if (last->open_time_ms >= expected_open) return -2;
  return now_ms - (last->close_time_ms + 1);
}

void data_service::publish(const scan_report& report) {
  metrics_.stale_symbols(report.interval).set(static_cast<double>(report.stale.size()));
  metrics_.failed_symbols(report.interval).set(static_cast<double>(report.failed.size()));
  if (health_ == nullptr) return;
  const std::size_t total = report.ok.size() + report.failed.size();
  if (report.failed.empty() && report.stale.empty()) {
    health_->update("data", health_state::healthy, "");
    return;
  }
  std::string detail = report.interval + ": " + std::to_string(report.failed.size()) + " of " +
                       std::to_string(total) + " symbols failed, " +
                       std::to_string(report.stale.size()) + " stale";
  if (!report.failed.empty()) {
    detail += " (first: " + report.failed.front().symbol + " " +
              report.failed.front().status.describe() + ")";
  }
  const bool all_failed = total > 0 && report.failed.size() == total;
  health_->update("data", all_failed ? health_state::unhealthy : health_state::degraded, detail);
}

exchange_status data_service::subscribe(const std::vector<std::string>& symbols,
                                        const std::string& interval) {
  if (interval_ms(interval) == 0) {
    return exchange_status{TB_E_INVALID_ARGUMENT, 0,
                           "subscribe: unknown interval '" + interval + "'"};
  }
  auto sub = std::make_unique<subscription>();
  sub->owner = this;
  sub->interval = interval;
  sub->symbols = symbols;
  sub->sink.struct_size = sizeof(tb_market_sink);
  sub->sink.ctx = sub.get();
  sub->sink.on_candle = &data_service::on_candle;
  sub->sink.on_order_update = ignore_order;
  sub->sink.on_position_update = ignore_position;
  sub->sink.on_balance_update = ignore_balance;
  sub->sink.on_stream_status = &data_service::on_stream_status;
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : symbols) streams_[series_key{symbols_.intern(s), interval}] = {};
  }
  auto status = client_.subscribe_candles(symbols, interval, sub->sink);
  std::lock_guard lock(mutex_);
  for (const auto& s : symbols) {
    streams_[series_key{symbols_.intern(s), interval}] = stream_state{status.ok(), true};
  }
  // Kept even on failure: the plugin may have begun pushing before it failed.
  subscriptions_.push_back(std::move(sub));
  return status;
}

void data_service::on_candle(void* ctx, const char* symbol, const char* interval,
                             const tb_candle* candle) {
  auto* sub = static_cast<subscription*>(ctx);
  data_service& self = *sub->owner;
  if (symbol == nullptr || interval == nullptr || candle == nullptr) return;
  if (interval_ms(interval) == 0) return;
  try {
    const std::uint32_t id = self.symbols_.intern(symbol);
    std::vector<candle_gap> gaps;
    const merge_result merged = self.store_.merge(id, symbol, interval, candle, 1, &gaps);
    self.pushed_.fetch_add(1);
    if (merged.appended + merged.inserted > 0) self.closed_pushed_.fetch_add(1);
    self.metrics_.candles_pushed.add();
    if (!gaps.empty()) {
      self.metrics_.gaps.add(static_cast<double>(gaps.size()));
      std::lock_guard lock(self.mutex_);
      self.pending_gaps_[series_key{id, interval}] = std::move(gaps);
    }
  } catch (...) {
    // A callback must not throw into plugin code; an allocation failure drops the candle,
    // and the next batch's REST request catches up.
  }
}

void data_service::on_stream_status(void* ctx, const char* stream, std::int32_t status,
                                    const char* detail) {
  auto* sub = static_cast<subscription*>(ctx);
  data_service& self = *sub->owner;
  try {
    std::lock_guard lock(self.mutex_);
    for (const auto& s : sub->symbols) {
      auto it = self.streams_.find(series_key{self.symbols_.intern(s), sub->interval});
      if (it == self.streams_.end()) continue;
      if (status == TB_STREAM_DISCONNECTED) {
        it->second.live = false;
        it->second.needs_catch_up = true;
      } else if (status == TB_STREAM_CONNECTED) {
        it->second.live = true;  // needs_catch_up stays until a REST fetch succeeds
      }
    }
    if (status == TB_STREAM_DISCONNECTED) {
      self.metrics_.stream_disconnects.add();
      if (self.health_ != nullptr) {
        self.health_->update("data", health_state::degraded,
                             std::string("stream ") + (stream ? stream : "?") +
                                 " disconnected: " + (detail ? detail : "") +
                                 "; REST catch-up on the next batch");
      }
    }
  } catch (...) {
    // Never throw into plugin code.
  }
}

}  // namespace tb::host
