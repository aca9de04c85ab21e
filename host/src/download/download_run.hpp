#pragma once
// Every symbol of a download in turn (sequential: the exchange's request weight is the limit
// anyway), one file each: <out_dir>/<SYMBOL>-<interval>.csv, the layout the simulated
// exchange's file feed reads.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "download/download_progress.hpp"
#include "download/symbol_download.hpp"

namespace tb::host::downloader {

struct download_request {
  std::vector<std::string> symbols;
  std::string interval;
  std::int64_t start_ms = 0;  // inclusive
  std::int64_t end_ms = 0;    // exclusive
  std::filesystem::path out_dir;
  std::int64_t now_ms = 0;    // wall clock
};

std::filesystem::path download_file(const std::filesystem::path& out_dir,
                                     const std::string& symbol, const std::string& interval);

// Downloads each symbol (a failed one does not stop the others) and reports through
// `progress`. Returns how many failed.
std::size_t download_all(const download_request& request, const candle_fetch& fetch,
                         download_progress& progress);

}  // namespace tb::host::downloader
