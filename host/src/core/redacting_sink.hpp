#pragma once

#include <memory>
#include <string>
#include <vector>

#include <spdlog/sinks/sink.h>

#include "core/secret_redactor.hpp"

namespace tb::host {

// An spdlog sink in front of the real sinks (console, rotating file): it masks every
// registered secret in the message and the logger name before any real sink sees the line.
// This is the one place that guarantees secrets stay out of logs, so every logger the host
// makes writes through it.
//
// Thread-safety: as every spdlog sink, log() may be called from any thread; the wrapped
// sinks must be thread-safe (*_mt).
class redacting_sink final : public spdlog::sinks::sink {
 public:
  redacting_sink(std::shared_ptr<const secret_redactor> redactor,
                 std::vector<spdlog::sink_ptr> sinks);

  void log(const spdlog::details::log_msg& msg) override;
  void flush() override;
  void set_pattern(const std::string& pattern) override;
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

 private:
  std::shared_ptr<const secret_redactor> redactor_;
  std::vector<spdlog::sink_ptr> sinks_;
};

}  // namespace tb::host
