#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "plugin/plugin_instance.hpp"
#include "services/candle_store.hpp"
#include "services/data_metrics.hpp"
#include "services/exchange_client.hpp"
#include "services/scan_report.hpp"
#include "services/symbol_table.hpp"
#include "services/universe.hpp"
#include "services/weight_window.hpp"
#include "services/worker_pool.hpp"

namespace tb::host {

// The YAML `data:` section, mapped (see make_data_service_config in data_settings.hpp).
struct data_service_config {
  std::size_t batch_size = 50;  // worker threads: requests in flight at once
  std::chrono::milliseconds request_timeout{10'000};  // deadline of each exchange call
  std::chrono::milliseconds cache_ttl{30'000};        // klines responses in the host cache
  std::chrono::milliseconds stale_grace{5'000};  // a candle this late after its end is not stale
  std::uint32_t lookback = 500;  // closed candles kept per series (>= what strategies need)
  // Request weight per minute the scans may spend (e.g. Binance's 2,400 or a conservative
  // 1,200, less the limiter's critical reserve); 0: no pacing. See "Weight budget" below.
  std::uint64_t weight_budget_per_minute = 0;
  universe_filter universe;
};

// Market data for the strategies: the universe, candles by REST in batches and by websocket,
// held in a candle_store.
//
// Requests. fetch_klines_batch() runs one task per symbol on a pool of batch_size threads,
// so batch_size requests are in flight and never more. The first load of a series asks for
// `limit` candles; afterwards only the candles since the last closed one (a small limit:
// weight 1 under Binance's table), and nothing while a live stream keeps the series current.
// Holes in a series (missing open times, e.g. after a websocket drop) are backfilled by
// range requests in the same task. Every call has an absolute monotonic deadline of
// now + request_timeout and goes through the plugin guard (exchange_client).
//
// Rate limits: the exchange plugin acquires request weight from the host's rate limiter
// itself (tb_host_api.rate_acquire, bucket "binance.ip_weight"), because only it knows each
// endpoint's weight and the server's usage headers. The DataService never acquires weight;
// it only estimates it for scan_report and metrics, so nothing is counted twice.
//
// Weight budget: with weight_budget_per_minute set, a scan whose estimated weight (one
// klines request per symbol, weighed by its limit) does not fit what is left of the budget
// over the last 61 s (a minute plus a second of margin for latency) runs in waves, in the
// order given: each wave takes the symbols that fit, and the next one starts when the
// service's own requests of a minute ago have left the window. So a 1,296-weight cold scan
// under a 1,080 budget completes in one minute and a wave, with no request waiting past its
// deadline and no 429; it logs one warning saying so. The budget counts only this service's
// requests: leave room for other callers (the limiter's critical reserve does).
//
// Cache: responses are stored (encode_cached_candles: closed candles compacted) in the host
// lru_cache for cache_ttl, keyed
// "data.klines|SYMBOL|interval|start|end|limit", so a repeated scan inside the TTL (another
// consumer, a restart of the service) makes no request.
//
// Streams: subscribe() hands the plugin a tb_market_sink whose callbacks merge pushed
// candles (from plugin threads) and, on TB_STREAM_DISCONNECTED, mark the subscription's
// symbols for a REST catch-up by the next batch.
//
// Metrics: tb_data_requests_total{result}, tb_data_cache_hits_total,
// tb_data_request_weight_total, tb_data_fetch_seconds, tb_data_stale_symbols{interval},
// tb_data_failed_symbols{interval}, tb_data_candles_pushed_total, tb_data_gaps_total,
// tb_data_stream_disconnects_total. Health component "data".
//
// Thread-safety: fetch_klines_batch(), load_universe() and the accessors may be called from
// any thread; subscribe() and the destructor are [control]-thread calls. The exchange
// instance, clock, registries and cache must outlive the service.
class data_service {
 public:
  // metrics, health and cache may be null (no metrics, no health, no caching).
  data_service(const clock& clk, metrics_registry* metrics, health_registry* health,
               lru_cache* cache, const plugin_instance& exchange, data_service_config config);
  ~data_service();  // unsubscribes every stream, then joins the workers
  data_service(const data_service&) = delete;
  data_service& operator=(const data_service&) = delete;

  // list_symbols + the configured filter; the symbols are interned. On failure the previous
  // universe is kept.
  exchange_status load_universe();
  std::vector<std::string> universe() const;

  scan_report fetch_klines_batch(const std::vector<std::string>& symbols,
                                 const std::string& interval, std::uint32_t limit);

  // Starts pushing `interval` candles of `symbols` into the store. [control]
  exchange_status subscribe(const std::vector<std::string>& symbols, const std::string& interval);

  // Subscribed series whose stream is live (subscribed, and not disconnected since); every
  // candle pushed; pushed closed candles that added a candle to the store. The scan
  // benchmark reports them.
  std::size_t live_streams() const;
  std::uint64_t candles_pushed() const noexcept { return pushed_.load(); }
  std::uint64_t closed_candles_pushed() const noexcept { return closed_pushed_.load(); }

  candle_store& store() noexcept { return store_; }
  const candle_store& store() const noexcept { return store_; }
  symbol_table& symbols() noexcept { return symbols_; }

  // Binance USD-M klines weight for a limit: <100: 1, <500: 2, <=1000: 5, more: 10.
  static std::uint32_t klines_weight(std::uint32_t limit) noexcept;

 private:
  struct subscription;
  struct symbol_outcome;
  struct stream_state {
    bool live = false;           // a stream is pushing this series
    bool needs_catch_up = true;  // fetch once by REST before trusting the stream
  };
  using series_key = std::pair<std::uint32_t, std::string>;
  // Binance and the fake count weight per rolling minute; a second more covers latency.
  static constexpr std::int64_t pacing_window_ns = 61'000'000'000;

  static std::string cache_key(const candle_request& r);

  void fetch_symbol(const std::string& symbol, const std::string& interval, std::uint32_t limit,
                    symbol_outcome& out);
  // The request a scan makes for a series: all `limit` candles the first time, afterwards
  // only those since the last closed one.
  candle_request plan(const std::string& symbol, std::uint32_t id, const std::string& interval,
                      std::uint32_t limit, std::int64_t now_ms) const;
  // Estimated weight of the scan's request for each symbol (0 when a stream keeps it current
  // or the host cache holds the answer).
  std::vector<std::uint32_t> planned_weights(const std::vector<std::string>& symbols,
                                             const std::string& interval, std::uint32_t limit);
  // Runs the scan in waves that each fit the weight budget (one wave without a budget).
  void run_waves(const std::vector<std::string>& symbols, const std::string& interval,
                 std::uint32_t limit, std::vector<symbol_outcome>& outcomes);
  // Fetches symbols [first, end) on the pool and waits for them.
  void run_wave(const std::vector<std::string>& symbols, std::size_t first, std::size_t end,
                const std::string& interval, std::uint32_t limit,
                std::vector<symbol_outcome>& outcomes);
  bool request(const candle_request& req, symbol_outcome& out, std::vector<tb_candle>& candles);
  void backfill(std::uint32_t id, const std::string& symbol, const std::string& interval,
                std::vector<candle_gap> gaps, symbol_outcome& out);
  bool stream_keeps_current(const series_key& key, std::int64_t now_ms);
  std::int64_t stale_age_ms(std::uint32_t id, const std::string& interval,
                            std::int64_t now_ms) const;
  void publish(const scan_report& report);

  static void on_candle(void* ctx, const char* symbol, const char* interval,
                        const tb_candle* candle);
  static void on_stream_status(void* ctx, const char* stream, std::int32_t status,
                               const char* detail);

  const clock& clock_;
  health_registry* health_;
  lru_cache* cache_;
  data_service_config config_;
  exchange_client client_;
  data_metrics metrics_;
  symbol_table symbols_;
  candle_store store_;
  weight_window spent_;
  std::atomic<std::uint64_t> pushed_{0};
  std::atomic<std::uint64_t> closed_pushed_{0};

  mutable std::mutex mutex_;
  std::vector<std::string> universe_;                     // guarded by mutex_
  std::map<series_key, stream_state> streams_;            // guarded by mutex_
  std::map<series_key, std::vector<candle_gap>> pending_gaps_;  // guarded by mutex_
  std::vector<std::unique_ptr<subscription>> subscriptions_;  // [control]

  worker_pool pool_;  // last: its threads stop first
};

}  // namespace tb::host
