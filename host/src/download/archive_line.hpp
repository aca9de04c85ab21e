#pragma once
// One kline as a line of Binance's public data archive (data.binance.vision, USD-M futures):
//   open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
//   taker_buy_quote_volume,ignore
// Numbers are written in their shortest round-trip form (std::to_chars), so a line read back
// gives the very same doubles. The taker columns are 0: the exchange ABI does not carry them.
#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::host::downloader {

// The header line of the archive's newer files, without the line end.
inline constexpr std::string_view archive_header =
    "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
    "taker_buy_quote_volume,ignore";

// Appends the candle's line and '\n' to `out`.
void append_archive_line(std::string& out, const tb_candle& candle);

// The candle of one line (no line end; a trailing '\r' is accepted): exactly 12 fields, whole
// times and count, finite numbers. The flags say closed. nullopt when the line is not one.
std::optional<tb_candle> parse_archive_line(std::string_view line);

// The same prices and volumes, times and count (what a resumed download checks its file's
// last line against).
bool same_candle(const tb_candle& a, const tb_candle& b) noexcept;

}  // namespace tb::host::downloader
