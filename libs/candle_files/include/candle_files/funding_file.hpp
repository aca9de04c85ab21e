// Funding-rate files: CSV with a header, either Binance's data archive fundingRate files
// (calc_time,funding_interval_hours,last_funding_rate) or a simple time,rate file.
//
// Columns are matched by name, case and surrounding spaces ignored: the time is the first of
// calc_time, funding_time, fundingtime, time, timestamp; the rate the first of
// last_funding_rate, funding_rate, fundingrate, rate (a fraction: 0.0001 is 0.01 %). Other
// columns are ignored. Times take every form candle files accept (candle_file.hpp) and must
// strictly increase; rates are finite decimal numbers. Errors are candle_file_error naming the
// file, the line and the column.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tb::candle_files {

struct funding_point {
  std::int64_t time_ms = 0;  // the settlement, epoch milliseconds UTC
  double rate = 0.0;

  friend bool operator==(const funding_point&, const funding_point&) = default;
};

// `source` names the input in messages (the file name).
std::vector<funding_point> parse_funding_csv(std::string_view text, const std::string& source);
std::vector<funding_point> read_funding_file(const std::filesystem::path& path);

// Several files of one symbol (the archive's monthly files) joined by time, as
// read_candle_files joins candles: exact duplicates dropped, disagreements an error.
std::vector<funding_point> read_funding_files(const std::vector<std::filesystem::path>& files);

}  // namespace tb::candle_files
