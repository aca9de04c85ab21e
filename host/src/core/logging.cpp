#include "core/logging.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include <spdlog/pattern_formatter.h>

#include <cstdio>
#include <ctime>
#include <functional>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/json_lines_formatter.hpp"
#include "core/redacting_sink.hpp"

namespace tb::host {

spdlog::level::level_enum parse_log_level(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, spdlog::level::level_enum, std::less<>> levels{
      {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
      {"warning", spdlog::level::warn}, {"error", spdlog::level::err},
      {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
  const auto it = levels.find(lower);
  if (it == levels.end()) {
    throw std::invalid_argument("log level '" + std::string(name) +
                                "' is unknown; use trace, debug, info, warn, error, critical "
                                "or off");
  }
  return it->second;
}

namespace {

// "%*": the time of log_config::time_source (a backtest's virtual time), as the pattern's
// own date and time would print it.
class source_time_flag final : public spdlog::custom_flag_formatter {
 public:
  explicit source_time_flag(std::function<std::int64_t()> source) : source_(std::move(source)) {}

  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::int64_t ms = source_();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%03d",
                                utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                utc.tm_min, utc.tm_sec, static_cast<int>(ms % 1000));
    dest.append(text, text + n);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<source_time_flag>(source_);
  }

 private:
  std::function<std::int64_t()> source_;
};

std::unique_ptr<spdlog::formatter> make_formatter(const log_config& config) {
  if (config.json_lines) return std::make_unique<json_lines_formatter>();
  if (config.time_source) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<source_time_flag>('*', config.time_source);
    formatter->set_pattern("%* [%l] [%n] %v");
    return formatter;
  }
  return std::make_unique<spdlog::pattern_formatter>("%Y-%m-%d %H:%M:%S.%e [%l] [%n] %v",
                                                     spdlog::pattern_time_type::utc);
}

std::vector<spdlog::sink_ptr> make_sinks(const log_config& config) {
  std::vector<spdlog::sink_ptr> sinks;
  if (config.console) {
    // Colour codes would corrupt JSON lines, so those go to a plain sink.
    if (config.json_lines) {
      sinks.push_back(std::make_shared<spdlog::sinks::stdout_sink_mt>());
    } else {
      sinks.push_back(std::make_shared<spdlog::sinks::stdout_color_sink_mt>());
    }
  }
  if (!config.file_path.empty()) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          config.file_path, config.max_file_bytes, config.max_files));
    } catch (const spdlog::spdlog_ex& e) {
      throw std::runtime_error("logging: cannot open log file '" + config.file_path +
                               "': " + e.what() + "; check the directory and permissions");
    }
  }
  for (auto& sink : sinks) {
    sink->set_formatter(make_formatter(config));
    sink->set_level(spdlog::level::trace);  // loggers filter by level, sinks take everything
  }
  return sinks;
}

}  // namespace

logging::logging(const log_config& config)
    : config_(config), redactor_(std::make_shared<secret_redactor>()) {
  if (config_.max_file_bytes == 0) {
    throw std::invalid_argument("logging: max_file_bytes must be positive");
  }
  sink_ = std::make_shared<redacting_sink>(redactor_, make_sinks(config_));
}

logging::~logging() { flush(); }

std::shared_ptr<spdlog::logger> logging::logger_for(std::string_view component) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (const auto it = loggers_.find(component); it != loggers_.end()) return it->second;
  auto logger = std::make_shared<spdlog::logger>(std::string(component), sink_);
  const auto level = config_.component_levels.find(component);
  logger->set_level(level == config_.component_levels.end() ? config_.level : level->second);
  logger->flush_on(config_.flush_level);
  loggers_.emplace(std::string(component), logger);
  return logger;
}

bool logging::register_secret(std::string secret) { return redactor_->add(std::move(secret)); }

void logging::install_as_default(std::string_view component) {
  spdlog::set_default_logger(logger_for(component));
}

void logging::flush() { sink_->flush(); }

}  // namespace tb::host
