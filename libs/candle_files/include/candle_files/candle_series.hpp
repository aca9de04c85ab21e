// One symbol's candles split over several files, read as one series: Binance's data archive
// (data.binance.vision) ships one file per month or per day, BTCUSDT-1m-2024-01.csv,
// BTCUSDT-1m-2024-02-03.csv, and a download often mixes both.
#pragma once

#include <filesystem>
#include <vector>

#include "candle_files/candle_file.hpp"

namespace tb::candle_files {

// Reads each file (read_candle_file, with `options`) and joins them by time. Files may overlap
// (a monthly and a daily file of one month): exact duplicates are dropped, a candle that
// differs is a candle_file_error naming both files. An optional column (close time, quote
// volume, trade count) is kept only when every file has it. No files is an error.
candle_columns read_candle_files(const std::vector<std::filesystem::path>& files,
                                 const read_options& options = {});

// read_candle_files of every .csv and .json file directly in `directory`; a directory
// without any is an error naming it.
candle_columns read_candle_directory(const std::filesystem::path& directory,
                                     const read_options& options = {});

}  // namespace tb::candle_files
