#pragma once

#include <memory>

#include <spdlog/formatter.h>

namespace tb::host {

// Formats each log record as one JSON object on one line, for log shippers:
//   {"time":"2026-11-23T12:00:00.123Z","level":"info","component":"binance","message":"..."}
// Time is UTC with milliseconds. Strings are JSON-escaped; invalid UTF-8 becomes U+FFFD.
//
// Thread-safety: stateless; spdlog clones it per sink.
class json_lines_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace tb::host
