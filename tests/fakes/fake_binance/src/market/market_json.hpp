#pragma once
// Binance's JSON shapes for market data: numbers as strings where Binance sends strings.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "market/candle.hpp"
#include "market/interval.hpp"
#include "market/symbol_catalog.hpp"

namespace tb::fake {

std::string format_price(const symbol_spec& spec, std::int64_t ticks);
std::string format_qty(const symbol_spec& spec, std::int64_t steps);
std::string tick_size(const symbol_spec& spec);
std::string step_size(const symbol_spec& spec);

// The 12-field REST kline array.
nlohmann::json kline_array(const symbol_spec& spec, const interval& iv, const candle& c);
// The websocket `<symbol>@kline_<interval>` payload.
nlohmann::json kline_event(const symbol_spec& spec, const interval& iv, const candle& c,
                           std::int64_t event_time, bool closed);
// One symbols[] element of exchangeInfo.
nlohmann::json symbol_info(const symbol_spec& spec);

}  // namespace tb::fake
