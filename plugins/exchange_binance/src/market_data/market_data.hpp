// Market data over REST: the symbol list with filters (exchangeInfo, cached) and klines.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "filters/symbol_filters.hpp"
#include "http/rest_client.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::binance {

using symbol_table = std::vector<symbol_filters>;

class market_data {
 public:
  market_data(sdk::host host, rest_client& rest, std::chrono::milliseconds symbols_ttl);

  // The parsed exchangeInfo, fetched again once older than the TTL (or when `refresh`).
  std::shared_ptr<const symbol_table> symbols(sdk::deadline until, bool refresh = false);
  // One symbol's filters; TB_E_NOT_FOUND when the exchange does not list it.
  symbol_filters filters_of(const std::string& symbol, sdk::deadline until);

  std::vector<sdk::symbol_info> list_symbols(sdk::deadline until);
  std::vector<tb_candle> fetch_candles(const sdk::candle_request& request, sdk::lane lane,
                                       sdk::deadline until);

 private:
  sdk::host host_;
  rest_client& rest_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;       // guards table_ and fetched_at_ms_
  std::mutex fetch_mutex_; // one exchangeInfo download at a time
  std::shared_ptr<const symbol_table> table_;
  std::int64_t fetched_at_ms_ = 0;
};

// Binance's kline intervals (no "1s" on futures) and their length in ms (1M: 30 days).
std::optional<std::int64_t> interval_ms(const std::string& interval);

// The symbol_info the ABI carries, or std::nullopt when a field does not fit its buffer.
std::optional<sdk::symbol_info> to_symbol_info(const symbol_filters& filters);

}  // namespace tb::binance
