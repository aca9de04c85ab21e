#include "app/core_services.hpp"

#include <map>
#include <string>

namespace tb::host {
namespace {

spdlog::level::level_enum to_spdlog(log_level level) {
  switch (level) {
    case log_level::trace: return spdlog::level::trace;
    case log_level::debug: return spdlog::level::debug;
    case log_level::info: return spdlog::level::info;
    case log_level::warn: return spdlog::level::warn;
    case log_level::error: return spdlog::level::err;
    case log_level::critical: return spdlog::level::critical;
  }
  return spdlog::level::info;
}

alert_severity to_core(severity_level level) {
  switch (level) {
    case severity_level::info: return alert_severity::info;
    case severity_level::warning: return alert_severity::warning;
    case severity_level::critical: return alert_severity::critical;
  }
  return alert_severity::warning;
}

std::map<std::string, breaker_config, std::less<>> breaker_overrides(
    const circuit_breaker_settings& settings) {
  std::map<std::string, breaker_config, std::less<>> overrides;
  for (const auto& [name, override_settings] : settings.overrides) {
    overrides.emplace(name, make_breaker_config(override_settings));
  }
  return overrides;
}

lru_cache_config make_cache_config(const cache_settings& settings) {
  lru_cache_config config;
  config.max_entries = settings.max_entries;
  config.max_bytes = static_cast<std::size_t>(settings.max_size_mb) << 20;
  config.default_ttl = settings.default_ttl;
  return config;
}

alert_rule make_alert_rule(const alert_rule_settings& settings) {
  alert_rule rule;
  rule.name = settings.name;
  rule.metric = settings.metric;
  rule.condition = settings.above ? alert_condition::above : alert_condition::below;
  rule.threshold = settings.above ? *settings.above : settings.below.value_or(0.0);
  rule.for_duration = settings.for_duration;
  rule.severity = to_core(settings.severity);
  return rule;
}

// A virtual clock's lines show its time: when in the simulation each thing happened.
log_config log_config_for(const logging_settings& settings, const clock& time) {
  log_config config = make_log_config(settings);
  if (const auto* simulated = dynamic_cast<const virtual_clock*>(&time)) {
    config.time_source = [simulated] { return simulated->wall_ms(); };
  }
  return config;
}

}  // namespace

log_config make_log_config(const logging_settings& settings) {
  log_config config;
  config.level = to_spdlog(settings.level);
  config.file_path = settings.file.string();
  config.max_file_bytes = static_cast<std::size_t>(settings.max_file_size_mb) << 20;
  config.max_files = settings.max_files;
  config.console = settings.console;
  config.json_lines = settings.format == log_format::json;
  for (const auto& [component, level] : settings.components) {
    config.component_levels.emplace(component, to_spdlog(level));
  }
  return config;
}

breaker_config make_breaker_config(const breaker_settings& settings) {
  breaker_config config;
  config.consecutive_failures = settings.consecutive_failures;
  config.failure_rate = settings.failure_rate;
  config.window_size = settings.window_calls;
  config.minimum_calls = settings.minimum_calls;
  config.cooldown = settings.cooldown;
  // half_open_probes trial calls may run at once, and as many successes close the breaker.
  config.half_open_max_probes = settings.half_open_probes;
  config.probe_successes_to_close = settings.half_open_probes;
  return config;
}

core_services::core_services(const bot_settings& settings, std::unique_ptr<clock> time)
    : clock_(time ? std::move(time) : std::make_unique<real_clock>()),
      logging_(log_config_for(settings.logging, *clock_)),
      health_(*clock_),
      alerts_(*clock_, &metrics_),
      limiter_(*clock_, &metrics_),
      breakers_(*clock_, make_breaker_config(settings.circuit_breakers.defaults),
                breaker_overrides(settings.circuit_breakers), &metrics_, &alerts_),
      cache_(*clock_, make_cache_config(settings.cache), &metrics_) {
  for (const auto& secret : settings.secrets) logging_.register_secret(secret);
  logging_.install_as_default("host");
  for (const auto& bucket : settings.rate_limits) {
    limiter_.add_bucket({bucket.name, bucket.capacity, bucket.interval, bucket.critical_reserve});
  }
  for (const auto& rule : settings.alerts.rules) alerts_.add_rule(make_alert_rule(rule));
}

std::string core_services::prometheus_metrics() {
  limiter_.update_gauges();  // token gauges move only on grants; refresh them
  return metrics_.to_prometheus();
}

void core_services::write_metrics(const std::filesystem::path& path, spdlog::logger& log) noexcept {
  try {
    limiter_.update_gauges();  // token gauges move only on grants; refresh them
    metrics_.write_json_file(path.string());
    log.info("metrics written to {}", path.string());
  } catch (const std::exception& e) {
    log.error("writing {} failed: {}", path.string(), e.what());
  }
}

host_services core_services::services() noexcept {
  host_services s;
  s.clk = clock_.get();
  s.limiter = &limiter_;
  s.breakers = &breakers_;
  s.cache = &cache_;
  s.metrics = &metrics_;
  s.health = &health_;
  s.alerts = &alerts_;
  s.logs = &logging_;
  s.bot = bot_offered_ ? &bot_ : nullptr;
  return s;
}

}  // namespace tb::host
