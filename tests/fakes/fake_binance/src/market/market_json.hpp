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

// Appends the 12-field REST kline array, exactly as nlohmann::json would dump it. Written
// directly: a 200-bar answer is ~25 KB, and a DOM of 2,400 strings cost more than the bars.
void append_kline_array(std::string& out, const symbol_spec& spec, const interval& iv, const candle& c);
// The websocket `<symbol>@kline_<interval>` payload.
nlohmann::json kline_event(const symbol_spec& spec, const interval& iv, const candle& c,
                           std::int64_t event_time, bool closed);
// One symbols[] element of exchangeInfo.
nlohmann::json symbol_info(const symbol_spec& spec);

}  // namespace tb::fake
