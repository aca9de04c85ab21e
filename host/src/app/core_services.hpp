#pragma once
// The host's shared services, built from validated settings and owned in one place. Every
// plugin instance reaches them through its host_api_table (see services()).
#include <filesystem>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "config/settings.hpp"
#include "core/alert_manager.hpp"
#include "core/breaker_registry.hpp"
#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/logging.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "core/rate_limiter.hpp"
#include "plugin/bot_commands.hpp"
#include "plugin/host_api_table.hpp"

namespace tb::host {

class core_services {
 public:
  // Opens the log file named in the settings (throws std::runtime_error naming it when it
  // cannot) and registers every secret of the settings with the log redactor first, so no
  // line written afterwards can show one.
  //
  // `time` is the clock of every service (backtests hand a virtual_clock); null: the real one.
  explicit core_services(const bot_settings& settings, std::unique_ptr<clock> time = nullptr);
  core_services(const core_services&) = delete;
  core_services& operator=(const core_services&) = delete;

  host_services services() noexcept;

  // Offers plugins created afterwards the running bot (extension tb.bot/1), which the
  // service binds to bot() once it runs. Only the service calls it: a backtest or a one-off
  // run offers no bot.
  void offer_bot() noexcept { bot_offered_ = true; }
  bot_commands_slot& bot() noexcept { return bot_; }

  // Writes every metric to `path` (metrics.json), the limiter's gauges refreshed first; a
  // failure is logged, never thrown: it must not spoil a shutdown.
  void write_metrics(const std::filesystem::path& path, spdlog::logger& log) noexcept;
  // Every metric in the Prometheus text format, the limiter's gauges refreshed first (the
  // admin API's /metrics).
  std::string prometheus_metrics();

  const clock& time() const noexcept { return *clock_; }
  logging& logs() noexcept { return logging_; }
  metrics_registry& metrics() noexcept { return metrics_; }
  health_registry& health() noexcept { return health_; }
  alert_manager& alerts() noexcept { return alerts_; }
  rate_limiter& limiter() noexcept { return limiter_; }
  breaker_registry& breakers() noexcept { return breakers_; }
  lru_cache& cache() noexcept { return cache_; }

 private:
  std::unique_ptr<clock> clock_;
  logging logging_;
  metrics_registry metrics_;
  health_registry health_;
  alert_manager alerts_;
  rate_limiter limiter_;
  breaker_registry breakers_;
  lru_cache cache_;
  bot_commands_slot bot_;
  bool bot_offered_ = false;
};

// The mapping from settings to each service's own configuration.
log_config make_log_config(const logging_settings& settings);
breaker_config make_breaker_config(const breaker_settings& settings);

}  // namespace tb::host
