#include "core/logging.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include <spdlog/pattern_formatter.h>
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

std::unique_ptr<spdlog::formatter> make_formatter(bool json_lines) {
  if (json_lines) return std::make_unique<json_lines_formatter>();
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
    sink->set_formatter(make_formatter(config.json_lines));
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
