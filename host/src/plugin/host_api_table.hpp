#pragma once
// The tb_host_api table handed to one plugin instance: C thunks that forward to the host's
// shared services, adding the instance's identity on the way (its log component, a `plugin`
// metric label, a private cache namespace, health and alert prefixes).
//
// Every thunk is noexcept and catches everything: a host exception never crosses into a
// plugin. A failure inside a thunk becomes a status (or is logged for void functions).
#include <memory>
#include <string>

#include <tradingbot/tb_abi.h>

namespace spdlog {
class logger;
}

namespace tb::host {

class clock;
class rate_limiter;
class breaker_registry;
class lru_cache;
class metrics_registry;
class health_registry;
class alert_manager;
class logging;
class bot_commands_slot;

// The services every plugin instance shares. Non-owning: each must outlive every table.
// Any of them may be null; the matching thunks then answer TB_E_UNSUPPORTED or do nothing.
struct host_services {
  const clock* clk = nullptr;
  rate_limiter* limiter = nullptr;
  breaker_registry* breakers = nullptr;
  lru_cache* cache = nullptr;
  metrics_registry* metrics = nullptr;
  health_registry* health = nullptr;
  alert_manager* alerts = nullptr;
  logging* logs = nullptr;
  bot_commands_slot* bot = nullptr;  // the running bot, for the extension tb.bot/1
};

class host_api_table {
 public:
  // `settings_json` is what config_get hands the plugin: its YAML settings as JSON text.
  host_api_table(const host_services& services, std::string instance_name,
                 std::string settings_json);
  host_api_table(const host_api_table&) = delete;  // ctx points at this object
  host_api_table& operator=(const host_api_table&) = delete;

  const tb_host_api* api() const noexcept { return &api_; }
  const std::string& instance_name() const noexcept { return instance_; }

  // The names under which this instance's health components and alerts are filed.
  std::string health_component(const char* component) const;
  std::string alert_key(const char* key) const;
  std::string cache_key(const char* key) const;

  const host_services& services() const noexcept { return services_; }
  spdlog::logger* logger() const noexcept { return logger_.get(); }
  const std::string& settings_json() const noexcept { return settings_json_; }

 private:
  host_services services_;
  std::string instance_;
  std::string settings_json_;
  std::shared_ptr<spdlog::logger> logger_;
  tb_host_api api_{};
};

}  // namespace tb::host
