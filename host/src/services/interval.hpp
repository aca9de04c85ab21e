#pragma once

#include <cstdint>
#include <string_view>

namespace tb::host {

// Length of a Binance interval code ("1m", "4h", "1d", "1w", "1M") in milliseconds; 0 for an
// unknown code. "1M" counts 30 days, as tb_series.interval_s does; months are not of equal
// length, so gap detection skips them (see candle_series).
std::int64_t interval_ms(std::string_view code) noexcept;

// True for codes whose candles open on a fixed grid (every code but "1M").
bool fixed_interval(std::string_view code) noexcept;

}  // namespace tb::host
