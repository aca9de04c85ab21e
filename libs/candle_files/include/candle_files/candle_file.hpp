// Candle files (for `tradingbot analyze` and the simulated exchange): CSV with a header naming
// date/time, open, high, low, close and volume columns (any case, any order, extra columns
// ignored; dates as ISO 8601, "YYYY.MM.DD HH:MM:SS" or epoch milliseconds), Binance's data
// archive CSV without a header, or a JSON array of Binance/freqtrade kline rows
// [open_time_ms, open, high, low, close, volume, ...]. Times must strictly increase.
//
// CSV in detail:
// - Columns are matched by name, case and surrounding spaces ignored (MetaTrader's "<CLOSE>"
//   too): open, high, low, close, volume (all required), and the time column, the first of
//   open_time, "open time", timestamp, datetime, date_time, "gmt time", date, time. When "date"
//   is chosen and a "time" column exists too, each row's date and time are joined. A first
//   column with an empty name (pandas' unnamed index) is the time when no name matches.
// - Optional columns, kept when present: close_time ("close time"), the quote volume
//   (quote_volume, quote_asset_volume, "quote volume") and the trade count (count, trades,
//   number_of_trades).
// - No header: Binance's older data.binance.vision kline files (spot and futures um) start
//   with data. A first line of 12 numeric fields is read by position as
//   open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
//   taker_buy_quote_volume,ignore (the header the newer files carry). Any other first line
//   of data is an error asking for a header.
// - The delimiter is ',' unless the header line has none and has tabs, then semicolons.
//   RFC 4180 quoting, CRLF/LF/CR line ends, a UTF-8 BOM and blank lines are all accepted.
// - Times: ISO 8601 ("2021-03-01", "2021-03-01T12:30", "2021-03-01 12:30:00.250Z",
//   "2021-03-01T14:30:00+02:00"; no offset means UTC), "2021.03.01 12:30:00" (MetaTrader),
//   "01.03.2021 12:30:00.000" (Dukascopy), or a whole epoch number whose unit follows from its
//   size: below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else
//   nanoseconds (each covers 1973 to 5138, so real data is never ambiguous).
// - Numbers are decimal ("1", "+2", "-0.5", ".5", "1e-3"); nan, inf and overflow are errors.
//   Trade counts are whole non-negative numbers.
// JSON: each row needs at least 6 elements; the time is whole epoch milliseconds (a number or
// a string of digits), the others JSON numbers or numeric strings. Elements 6, 7 and 8 are
// Binance's close time, quote volume and trade count, kept when every row has them. Errors
// name the 0-based row index and the element, with line 0 and column = element + 1; syntax
// errors give the line, the column and the byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tb::candle_files {

struct candle_columns {
  std::vector<std::int64_t> time_ms;  // open time, epoch milliseconds UTC
  std::vector<double> open, high, low, close, volume;
  // Optional: empty when the file has no such column, else one value per candle.
  std::vector<std::int64_t> close_time_ms;  // last millisecond of the candle (Binance)
  std::vector<double> quote_volume;         // in the quote asset
  std::vector<std::uint64_t> trade_count;
  std::size_t size() const noexcept { return close.size(); }
};

// Checks a reader makes besides the file's own form.
struct read_options {
  // When not 0, the candle length: every open time must be a multiple of it (candles on the
  // interval's grid since the epoch) and a close time, when the file has one, must be the
  // open time + interval_ms - 1 (a file of another interval is caught on its first row).
  std::int64_t interval_ms = 0;
};

// What is wrong and where: "candles.csv:14: column 5 \"close\": \"1.2.3\" is not a number".
// line and column are 1-based; 0 when they do not apply (a whole-file problem).
class candle_file_error : public std::runtime_error {
 public:
  candle_file_error(const std::string& message, std::size_t line, std::size_t column)
      : std::runtime_error(message), line_(line), column_(column) {}
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

// Reads the file and picks the form by its first non-blank character ('[' is JSON).
candle_columns read_candle_file(const std::filesystem::path& path,
                                const read_options& options = {});
// `source` names the input in messages (the file name).
candle_columns parse_candle_csv(std::string_view text, const std::string& source,
                                const read_options& options = {});
candle_columns parse_candle_json(std::string_view text, const std::string& source,
                                 const read_options& options = {});

}  // namespace tb::candle_files
