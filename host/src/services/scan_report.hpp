#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "services/exchange_client.hpp"

namespace tb::host {

struct symbol_failure {
  std::string symbol;
  exchange_status status;  // the plugin's status and message
};

struct stale_symbol {
  std::string symbol;
  std::int64_t age_ms = 0;  // wall time since the last held closed candle ended (-1: none)
};

// What one fetch_klines_batch() did. `ok` and `failed` partition the symbols asked for;
// `stale` lists symbols (ok or not) whose newest closed candle is older than the last one
// that has ended, by more than the configured grace.
struct scan_report {
  std::string interval;
  std::vector<std::string> ok;
  std::vector<symbol_failure> failed;
  std::vector<stale_symbol> stale;
  std::size_t requests = 0;    // fetch_candles calls made to the plugin
  std::size_t cache_hits = 0;  // requests answered by the host cache instead
  std::size_t streamed = 0;    // symbols a live websocket stream kept current: no request
  std::size_t backfills = 0;   // requests that filled gaps
  std::size_t gaps_left = 0;   // holes still open after backfill (the exchange had no data)
  // Request weight by Binance's klines table (limit <100: 1, <500: 2, <=1000: 5, else 10).
  // An estimate for reporting: the plugin acquires the real weight from the rate limiter.
  std::uint64_t weight = 0;
  std::int64_t duration_ns = 0;  // on the service's monotonic clock

  // Failures whose status is TB_E_TIMEOUT.
  std::size_t timeouts() const noexcept {
    std::size_t n = 0;
    for (const auto& f : failed) n += f.status.code == TB_E_TIMEOUT ? 1 : 0;
    return n;
  }
};

}  // namespace tb::host
