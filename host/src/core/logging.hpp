#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "core/secret_redactor.hpp"

namespace tb::host {

struct log_config {
  spdlog::level::level_enum level = spdlog::level::info;
  std::string file_path = "trading_bot.log";  // empty: no file
  std::size_t max_file_bytes = 10u << 20;     // rotate past this size
  std::size_t max_files = 5;                  // rotated files kept besides the current one
  bool console = true;
  bool json_lines = false;  // one JSON object per line instead of plain text
  // Per-component levels ("binance" -> debug), overriding `level`.
  std::map<std::string, spdlog::level::level_enum, std::less<>> component_levels;
  // Lines at or above this level are flushed at once, so a crash loses none of them.
  spdlog::level::level_enum flush_level = spdlog::level::info;
  // The time plain text lines show, in UTC epoch milliseconds; empty: the system clock. A
  // backtest shows its virtual time, so a line says when in the simulation it happened.
  std::function<std::int64_t()> time_source;
};

// "trace", "debug", "info", "warn"/"warning", "error", "critical", "off" (any case).
// Throws std::invalid_argument naming the accepted values.
spdlog::level::level_enum parse_log_level(std::string_view name);

// The host's logging: a console sink and a rotating file sink behind one redacting sink,
// shared by a named logger per component.
//
// Plain text lines read `2026-11-23 12:00:00.123 [info] [component] message`, time in UTC;
// JSON lines are described in json_lines_formatter.
//
// Secrets: register_secret() every credential as soon as it is read from the environment.
// From then on it is replaced by *** in every line of every logger made here, before any
// sink sees it (see redacting_sink).
//
// Thread-safety: every member may be called from any thread, concurrently; the loggers are
// spdlog's thread-safe loggers.
class logging {
 public:
  // Throws std::runtime_error naming the file when the log file cannot be opened.
  explicit logging(const log_config& config);
  ~logging();  // flushes
  logging(const logging&) = delete;
  logging& operator=(const logging&) = delete;

  // The logger named `component`, made on first use with its configured level.
  std::shared_ptr<spdlog::logger> logger_for(std::string_view component);

  // False when the secret is shorter than secret_redactor::min_length (and so not masked).
  bool register_secret(std::string secret);

  // Makes logger_for(component) spdlog's default logger, so spdlog::info() etc. (used by
  // code without a logger at hand) also goes through the redactor.
  void install_as_default(std::string_view component = "host");

  void flush();

 private:
  const log_config config_;
  std::shared_ptr<secret_redactor> redactor_;
  spdlog::sink_ptr sink_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers_;
};

}  // namespace tb::host
