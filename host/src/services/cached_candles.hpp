#pragma once

#include <tradingbot/tb_abi.h>

#include <string>
#include <string_view>
#include <vector>

namespace tb::host {

// The bytes a klines answer is cached as: its closed candles as 40-byte compact_candle
// records (at the answer's own price scale, with compact_candle's precision: the same the
// candle_store keeps) followed by the candles still open as whole tb_candles. A 200-candle
// answer takes 8 KB instead of 16 KB. Answers with an open candle before a closed one (never
// sent by Binance) are kept whole, so decoding always returns the candles in their order.
std::string encode_cached_candles(const std::vector<tb_candle>& candles);
// False when `bytes` is not something encode_cached_candles wrote (`out` is then undefined).
bool decode_cached_candles(std::string_view bytes, std::vector<tb_candle>& out);

}  // namespace tb::host
