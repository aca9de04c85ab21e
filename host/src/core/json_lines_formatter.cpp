#include "core/json_lines_formatter.hpp"

#include <chrono>
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::host {

namespace {

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

void append_json_string(spdlog::memory_buf_t& dest, std::string_view text) {
  append(dest, nlohmann::json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void append_utc_time(spdlog::memory_buf_t& dest, spdlog::log_clock::time_point tp) {
  using namespace std::chrono;
  const auto ms_total = duration_cast<milliseconds>(tp.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms_total / 1000);
  const int ms = static_cast<int>(ms_total % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  append(dest, std::string_view(buf, n));
  char frac[8];
  frac[0] = '.';
  frac[1] = static_cast<char>('0' + ms / 100);
  frac[2] = static_cast<char>('0' + ms / 10 % 10);
  frac[3] = static_cast<char>('0' + ms % 10);
  frac[4] = 'Z';
  append(dest, std::string_view(frac, 5));
}

}  // namespace

void json_lines_formatter::format(const spdlog::details::log_msg& msg,
                                  spdlog::memory_buf_t& dest) {
  append(dest, "{\"time\":\"");
  append_utc_time(dest, msg.time);
  append(dest, "\",\"level\":");
  const auto level = spdlog::level::to_string_view(msg.level);
  append_json_string(dest, std::string_view(level.data(), level.size()));
  append(dest, ",\"component\":");
  append_json_string(dest, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  append(dest, ",\"message\":");
  append_json_string(dest, std::string_view(msg.payload.data(), msg.payload.size()));
  append(dest, "}\n");
}

std::unique_ptr<spdlog::formatter> json_lines_formatter::clone() const {
  return std::make_unique<json_lines_formatter>();
}

}  // namespace tb::host
