#include "core/redacting_sink.hpp"

#include <string_view>

namespace tb::host {

redacting_sink::redacting_sink(std::shared_ptr<const secret_redactor> redactor,
                               std::vector<spdlog::sink_ptr> sinks)
    : redactor_(std::move(redactor)), sinks_(std::move(sinks)) {}

void redacting_sink::log(const spdlog::details::log_msg& msg) {
  // Per-thread buffers: no allocation once they have grown to the longest line.
  thread_local std::string payload;
  thread_local std::string name;
  spdlog::details::log_msg clean = msg;
  if (redactor_->redact(std::string_view(msg.payload.data(), msg.payload.size()), payload)) {
    clean.payload = spdlog::string_view_t(payload.data(), payload.size());
  }
  if (redactor_->redact(std::string_view(msg.logger_name.data(), msg.logger_name.size()),
                        name)) {
    clean.logger_name = spdlog::string_view_t(name.data(), name.size());
  }
  for (const auto& target : sinks_) {
    if (target->should_log(clean.level)) target->log(clean);
  }
}

void redacting_sink::flush() {
  for (const auto& target : sinks_) target->flush();
}

void redacting_sink::set_pattern(const std::string& pattern) {
  for (const auto& target : sinks_) target->set_pattern(pattern);
}

void redacting_sink::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
  for (const auto& target : sinks_) target->set_formatter(formatter->clone());
}

}  // namespace tb::host
