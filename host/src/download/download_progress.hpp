#pragma once
// What `tradingbot download` prints: on a terminal a progress line rewritten in place on
// standard error; otherwise a plain progress line at most every 10 seconds. When a symbol is
// done, its summary line on standard output:
//   BTCUSDT 1m: 44 640 candles, 2024-01-01 -> 2024-01-31 23:59, 30 requests
// and its warnings (gaps) or its error on standard error.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "download/symbol_download.hpp"

namespace tb::host::downloader {

class download_progress {
 public:
  download_progress(std::ostream& out, std::ostream& err, bool terminal);

  void page(const symbol_job& job, const symbol_outcome& so_far, std::int64_t cursor_ms);
  void finished(const symbol_job& job, const symbol_outcome& outcome);

 private:
  void clear_line();

  std::ostream& out_;
  std::ostream& err_;
  bool terminal_;
  bool line_shown_ = false;
  std::chrono::steady_clock::time_point last_plain_{};
};

// 44640 -> "44 640".
std::string format_count(std::uint64_t n);
// The summary line of a finished symbol, without the line end.
std::string summary_line(const symbol_job& job, const symbol_outcome& outcome);

}  // namespace tb::host::downloader
