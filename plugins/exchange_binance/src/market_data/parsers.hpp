// Parsing of Binance's market-data payloads. Every function throws parse_error with a short,
// clear description of what is wrong (never the payload itself) on malformed input.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "filters/symbol_filters.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::binance {

class parse_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The body as JSON; parse_error naming `what` and the body's size when it is not JSON.
nlohmann::json parse_json(std::string_view body, const char* what);

// GET /fapi/v1/exchangeInfo: every symbol with its filters (filters keyed by filterType).
std::vector<symbol_filters> parse_exchange_info(std::string_view body);

// GET /fapi/v1/klines: 12-element arrays, oldest first. A candle carries TB_CANDLE_CLOSED
// only when its close time is before `server_now_ms`.
std::vector<tb_candle> parse_klines(std::string_view body, std::int64_t server_now_ms);

// One kline websocket payload ({"e":"kline",...,"k":{...}}, unwrapped from the combined
// stream's "data"). TB_CANDLE_CLOSED only when k.x is true.
struct kline_event {
  std::string symbol;   // upper case
  std::string interval; // "1m"
  tb_candle candle{};
};
kline_event parse_kline_event(std::string_view body);

// GET /fapi/v1/time: serverTime.
std::int64_t parse_server_time(std::string_view body);

// A decimal string as a double, for the hot-path candle structs only (never for orders).
double to_double(std::string_view text);

}  // namespace tb::binance
