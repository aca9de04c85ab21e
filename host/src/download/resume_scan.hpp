#pragma once
// What an existing download file already holds, so a download resumes after it. The file is
// only read here; cutting a torn tail is the caller's (archive_file::truncate).
#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace tb::host::downloader {

struct existing_file {
  bool exists = false;
  // Bytes of complete lines: the file is cut back to this before anything is appended. Less
  // than the file's size when its last line has no line end (a crash mid-write).
  std::uint64_t keep_bytes = 0;
  bool torn = false;
  bool has_header = false;  // false for a missing or empty file (or a torn header)
  std::uint64_t candles = 0;
  std::optional<tb_candle> first;
  std::optional<tb_candle> last;
};

// Reads `file` (a missing one is exists = false). Throws download_error naming the file and
// the line when the header is not the archive's, a complete line is not a kline, open times
// do not increase, or a candle is not of `interval` (its open time off the interval's grid or
// its close time not open + interval - 1; only the order is checked for "1M").
existing_file scan_existing_file(const std::filesystem::path& file, std::string_view interval);

}  // namespace tb::host::downloader
