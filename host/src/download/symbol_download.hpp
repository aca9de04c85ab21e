#pragma once
// One symbol's download: the closed candles of [start, end) appended to its file, page after
// page of at most 1500 (Binance's limit), resuming after what the file already holds.
#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/exchange_client.hpp"

namespace tb::host::downloader {

inline constexpr std::uint32_t page_limit = 1500;

struct symbol_job {
  std::string symbol;
  std::string interval;
  std::int64_t start_ms = 0;  // inclusive
  std::int64_t end_ms = 0;    // exclusive
  std::filesystem::path file;
  std::int64_t now_ms = 0;    // wall clock: a span missing before it is a gap, after it the future
};

// Missing candles [from_ms, to_ms) the exchange did not have (maintenance, not yet listed,
// delisted).
struct candle_gap {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};

struct symbol_outcome {
  bool ok = true;
  std::string error;                 // when not ok: what happened, naming the symbol or file
  std::uint64_t candles = 0;         // in the file now
  std::uint64_t new_candles = 0;     // appended by this run
  std::uint64_t requests = 0;
  std::optional<std::int64_t> first_open_ms;  // of the file's first and last candles
  std::optional<std::int64_t> last_open_ms;
  bool resumed = false;              // the file held candles already
  bool cut_torn_line = false;
  std::vector<candle_gap> gaps;
  std::vector<std::string> warnings;  // besides the gaps
};

// One page of candles, oldest first (exchange_client::fetch_candles with its deadline).
using candle_fetch =
    std::function<exchange_status(const candle_request& request, std::vector<tb_candle>& out)>;
// Called after each page is on disk; `cursor_ms` is where the next page starts.
using page_done = std::function<void(const symbol_outcome& so_far, std::int64_t cursor_ms)>;

// Never throws for the download's own problems: a file that is not ours, a write that fails,
// a refused request end up in `error` (with ok false); pages already written stay.
symbol_outcome download_symbol(const symbol_job& job, const candle_fetch& fetch,
                               const page_done& progress = {});

// "unknown symbol", "rate limited", ... for a failed request, with the exchange's own words.
std::string describe_failure(const exchange_status& status);

}  // namespace tb::host::downloader
