#include "plugin/host_api_table.hpp"

#include <cstring>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/alert_manager.hpp"
#include "core/breaker_registry.hpp"
#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/logging.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "core/rate_limiter.hpp"
#include "plugin/bot_commands.hpp"
#include "tradingbot/sdk/error.hpp"

namespace tb::host {
namespace {

// A service that throws inside a thunk must not take the plugin (or the host) down: the
// thunk reports a status, and the failure is logged where a logger exists.
template <class F, class R>
R shielded(void* ctx, const char* what, R on_failure, F&& body) noexcept {
  auto* table = static_cast<host_api_table*>(ctx);
  if (table == nullptr) return on_failure;
  try {
    return body(*table);
  } catch (const std::exception& e) {
    try {
      if (table->logger() != nullptr) table->logger()->error("host service {} failed: {}", what, e.what());
    } catch (...) {
    }
  } catch (...) {
  }
  return on_failure;
}

tb_status to_status(acquire_result result) noexcept {
  switch (result) {
    case acquire_result::ok: return TB_OK;
    case acquire_result::timeout: return TB_E_TIMEOUT;
    case acquire_result::paused:
    case acquire_result::exhausted: return TB_E_RATE_LIMITED;
    case acquire_result::unknown_bucket: return TB_E_NOT_FOUND;
    case acquire_result::weight_exceeds_capacity: return TB_E_INVALID_ARGUMENT;
  }
  return TB_E_INTERNAL;
}

spdlog::level::level_enum to_spdlog(int32_t level) noexcept {
  switch (level) {
    case TB_LOG_TRACE: return spdlog::level::trace;
    case TB_LOG_DEBUG: return spdlog::level::debug;
    case TB_LOG_INFO: return spdlog::level::info;
    case TB_LOG_WARN: return spdlog::level::warn;
    case TB_LOG_ERROR: return spdlog::level::err;
    default: return level > TB_LOG_ERROR ? spdlog::level::critical : spdlog::level::info;
  }
}

alert_severity to_severity(int32_t severity) noexcept {
  if (severity >= TB_SEVERITY_CRITICAL) return alert_severity::critical;
  return severity == TB_SEVERITY_WARNING ? alert_severity::warning : alert_severity::info;
}

health_state to_health(int32_t state) noexcept {
  if (state == TB_HEALTH_HEALTHY) return health_state::healthy;
  return state == TB_HEALTH_DEGRADED ? health_state::degraded : health_state::unhealthy;
}

void log_thunk(void* ctx, int32_t level, const char* message, size_t length) noexcept {
  shielded(ctx, "log", 0, [&](host_api_table& t) {
    if (message != nullptr && t.logger() != nullptr) {
      t.logger()->log(to_spdlog(level), "{}", std::string_view(message, length));
    }
    return 0;
  });
}

int64_t wall_ms_thunk(void* ctx) noexcept {
  return shielded(ctx, "wall_ms", int64_t{0},
                  [](host_api_table& t) { return t.services().clk->wall_ms(); });
}

int64_t monotonic_ns_thunk(void* ctx) noexcept {
  return shielded(ctx, "monotonic_ns", int64_t{0},
                  [](host_api_table& t) { return t.services().clk->monotonic_ns(); });
}

tb_status rate_acquire_thunk(void* ctx, const char* bucket, uint32_t weight, int32_t lane_value,
                             int64_t deadline_ns) noexcept {
  return shielded(ctx, "rate_acquire", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (t.services().limiter == nullptr) return tb_status{TB_E_UNSUPPORTED};
    if (bucket == nullptr) return tb_status{TB_E_INVALID_ARGUMENT};
    return to_status(
        t.services().limiter->acquire(bucket, weight, clamp_lane(lane_value), deadline_ns));
  });
}

tb_status rate_try_acquire_thunk(void* ctx, const char* bucket, uint32_t weight,
                                 int32_t lane_value) noexcept {
  return shielded(ctx, "rate_try_acquire", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (t.services().limiter == nullptr) return tb_status{TB_E_UNSUPPORTED};
    if (bucket == nullptr) return tb_status{TB_E_INVALID_ARGUMENT};
    return to_status(t.services().limiter->try_acquire(bucket, weight, clamp_lane(lane_value)));
  });
}

void rate_report_usage_thunk(void* ctx, const char* bucket, uint64_t used) noexcept {
  shielded(ctx, "rate_report_usage", 0, [&](host_api_table& t) {
    if (t.services().limiter != nullptr && bucket != nullptr) {
      t.services().limiter->report_usage(bucket, used);
    }
    return 0;
  });
}

void rate_pause_until_thunk(void* ctx, const char* bucket, int64_t until_wall_ms) noexcept {
  shielded(ctx, "rate_pause_until", 0, [&](host_api_table& t) {
    if (t.services().limiter == nullptr) return 0;
    if (bucket == nullptr) {
      t.services().limiter->pause_all_until(until_wall_ms);
    } else {
      t.services().limiter->pause_until(bucket, until_wall_ms);
    }
    if (t.logger() != nullptr) {
      t.logger()->warn("rate limiter: {} paused until {} (wall ms)",
                       bucket != nullptr ? bucket : "every bucket", until_wall_ms);
    }
    return 0;
  });
}

tb_status breaker_allow_thunk(void* ctx, const char* name) noexcept {
  return shielded(ctx, "breaker_allow", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (t.services().breakers == nullptr) return tb_status{TB_E_UNSUPPORTED};
    if (name == nullptr) return tb_status{TB_E_INVALID_ARGUMENT};
    return t.services().breakers->get(name).allow() ? tb_status{TB_OK}
                                                     : tb_status{TB_E_BREAKER_OPEN};
  });
}

void breaker_report_thunk(void* ctx, const char* name, int32_t success) noexcept {
  shielded(ctx, "breaker_report", 0, [&](host_api_table& t) {
    if (t.services().breakers != nullptr && name != nullptr) {
      t.services().breakers->get(name).report(success != 0);
    }
    return 0;
  });
}

int32_t breaker_state_thunk(void* ctx, const char* name) noexcept {
  return shielded(ctx, "breaker_state", int32_t{TB_BREAKER_CLOSED}, [&](host_api_table& t) {
    if (t.services().breakers == nullptr || name == nullptr) return int32_t{TB_BREAKER_CLOSED};
    return static_cast<int32_t>(t.services().breakers->get(name).state());
  });
}

tb_status cache_get_thunk(void* ctx, const char* key, void* buf, size_t capacity,
                          size_t* length) noexcept {
  return shielded(ctx, "cache_get", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (t.services().cache == nullptr) return tb_status{TB_E_UNSUPPORTED};
    if (key == nullptr || length == nullptr || (buf == nullptr && capacity > 0)) {
      return tb_status{TB_E_INVALID_ARGUMENT};
    }
    switch (t.services().cache->get_into(t.cache_key(key), buf, capacity, *length)) {
      case cache_status::hit: return tb_status{TB_OK};
      case cache_status::miss: return tb_status{TB_E_NOT_FOUND};
      case cache_status::buffer_too_small: return tb_status{TB_E_BUFFER_TOO_SMALL};
    }
    return tb_status{TB_E_INTERNAL};
  });
}

tb_status cache_put_thunk(void* ctx, const char* key, const void* value, size_t length,
                          int64_t ttl_ms) noexcept {
  return shielded(ctx, "cache_put", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (t.services().cache == nullptr) return tb_status{TB_E_UNSUPPORTED};
    if (key == nullptr || (value == nullptr && length > 0)) return tb_status{TB_E_INVALID_ARGUMENT};
    const std::string_view bytes(static_cast<const char*>(value), length);
    const auto ttl = std::chrono::milliseconds(ttl_ms > 0 ? ttl_ms : 0);
    return t.services().cache->put(t.cache_key(key), bytes, ttl) ? tb_status{TB_OK}
                                                                  : tb_status{TB_E_INVALID_ARGUMENT};
  });
}

uint64_t metric_register_thunk(void* ctx, int32_t type, const char* name, const char* help,
                               const char* const* label_names, const char* const* label_values,
                               size_t label_count) noexcept {
  return shielded(ctx, "metric_register", uint64_t{0}, [&](host_api_table& t) -> uint64_t {
    if (t.services().metrics == nullptr || name == nullptr) return 0;
    if (type < TB_METRIC_COUNTER || type > TB_METRIC_HISTOGRAM) return 0;
    if (label_count > 0 && (label_names == nullptr || label_values == nullptr)) return 0;
    metric_labels labels;
    labels.reserve(label_count + 1);
    for (size_t i = 0; i < label_count; ++i) {
      if (label_names[i] == nullptr || label_values[i] == nullptr) return 0;
      labels.emplace_back(label_names[i], label_values[i]);
    }
    labels.emplace_back("plugin", t.instance_name());
    std::string error;
    const uint64_t id = t.services().metrics->register_metric(
        static_cast<metric_type>(type), name, help != nullptr ? help : "", std::move(labels),
        &error);
    if (id == 0 && t.logger() != nullptr) {
      t.logger()->warn("metric_register('{}') refused: {}", name, error);
    }
    return id;
  });
}

void metric_record_thunk(void* ctx, uint64_t handle, double value) noexcept {
  // The hot path: no shielding lambda, no strings. record() is noexcept.
  auto* table = static_cast<host_api_table*>(ctx);
  if (table != nullptr && table->services().metrics != nullptr) {
    table->services().metrics->record(handle, value);
  }
}

void health_update_thunk(void* ctx, const char* component, int32_t state,
                         const char* detail) noexcept {
  shielded(ctx, "health_update", 0, [&](host_api_table& t) {
    if (t.services().health != nullptr) {
      t.services().health->update(t.health_component(component), to_health(state),
                                  detail != nullptr ? detail : "");
    }
    return 0;
  });
}

void alert_raise_thunk(void* ctx, const char* key, int32_t severity, const char* title,
                       const char* detail) noexcept {
  shielded(ctx, "alert_raise", 0, [&](host_api_table& t) {
    if (t.services().alerts != nullptr && key != nullptr) {
      t.services().alerts->raise(t.alert_key(key), to_severity(severity),
                                 title != nullptr ? title : key, detail != nullptr ? detail : "");
    }
    return 0;
  });
}

void alert_resolve_thunk(void* ctx, const char* key) noexcept {
  shielded(ctx, "alert_resolve", 0, [&](host_api_table& t) {
    if (t.services().alerts != nullptr && key != nullptr) {
      t.services().alerts->resolve(t.alert_key(key));
    }
    return 0;
  });
}

// The ABI's output convention: `text` into the caller's buffer, or TB_E_BUFFER_TOO_SMALL with
// the size needed in *length.
tb_status copy_out(const std::string& text, char* buf, size_t capacity, size_t* length) noexcept {
  *length = text.size();
  if (capacity < text.size()) return TB_E_BUFFER_TOO_SMALL;
  if (!text.empty()) std::memcpy(buf, text.data(), text.size());
  return TB_OK;
}

tb_status config_get_thunk(void* ctx, char* buf, size_t capacity, size_t* length) noexcept {
  return shielded(ctx, "config_get", tb_status{TB_E_INTERNAL}, [&](host_api_table& t) {
    if (length == nullptr || (buf == nullptr && capacity > 0)) {
      return tb_status{TB_E_INVALID_ARGUMENT};
    }
    const std::string& text = t.settings_json();
    const tb_status status = copy_out(text, buf, capacity, length);
    if (status == TB_OK && capacity > text.size()) buf[text.size()] = '\0';
    return status;
  });
}

// tb.bot/1: a host exception becomes a status with its message, never crossing the ABI.
template <class F>
tb_status bot_call(void* ctx, const char* what, tb_error* err, F&& body) noexcept {
  auto fail = [err](tb_status status, const char* message) {
    sdk::set_error(err, status, message);
    return status;
  };
  auto* table = static_cast<host_api_table*>(ctx);
  if (table == nullptr || table->services().bot == nullptr) {
    return fail(TB_E_UNSUPPORTED, "this host runs no bot");
  }
  try {
    return body(*table->services().bot);
  } catch (const unknown_report& e) {
    return fail(TB_E_NOT_FOUND, e.what());
  } catch (const std::invalid_argument& e) {
    return fail(TB_E_INVALID_ARGUMENT, e.what());
  } catch (const bot_unavailable& e) {
    return fail(TB_E_STATE, e.what());
  } catch (const std::exception& e) {
    try {
      if (table->logger() != nullptr) table->logger()->error("host service {} failed: {}", what, e.what());
    } catch (...) {
    }
    return fail(TB_E_INTERNAL, e.what());
  } catch (...) {
    return fail(TB_E_INTERNAL, "unknown failure");
  }
}

tb_status bot_report_thunk(void* ctx, const char* name, char* buf, size_t capacity,
                           size_t* length, tb_error* err) noexcept {
  return bot_call(ctx, "bot.report", err, [&](bot_commands_slot& bot) {
    if (name == nullptr || length == nullptr || (buf == nullptr && capacity > 0)) {
      throw std::invalid_argument("report: name and length are required, and buf with a capacity");
    }
    return copy_out(bot.report(name), buf, capacity, length);
  });
}

tb_status bot_set_paused_thunk(void* ctx, int32_t paused, const char* who, tb_error* err) noexcept {
  return bot_call(ctx, "bot.set_paused", err, [&](bot_commands_slot& bot) {
    auto* table = static_cast<host_api_table*>(ctx);
    bot.set_paused(paused != 0, table->instance_name() + ": " + (who != nullptr ? who : "?"));
    return tb_status{TB_OK};
  });
}

constexpr tb_bot_v1 bot_table{sizeof(tb_bot_v1), &bot_report_thunk, &bot_set_paused_thunk};

const void* get_extension_thunk(void* ctx, const char* id) noexcept {
  return shielded(ctx, "get_extension", static_cast<const void*>(nullptr),
                  [&](host_api_table& t) -> const void* {
                    if (id == nullptr) return nullptr;
                    const std::string_view name(id);
                    if (name == TB_EXTENSION_BOT_V1 && t.services().bot != nullptr) return &bot_table;
                    return nullptr;
                  });
}

}  // namespace

host_api_table::host_api_table(const host_services& services, std::string instance_name,
                               std::string settings_json)
    : services_(services),
      instance_(std::move(instance_name)),
      settings_json_(std::move(settings_json)) {
  if (services_.logs != nullptr) logger_ = services_.logs->logger_for(instance_);
  api_.struct_size = sizeof(tb_host_api);
  api_.abi_major = TB_ABI_MAJOR;
  api_.abi_minor = TB_ABI_MINOR;
  api_.ctx = this;
  api_.log = &log_thunk;
  if (services_.clk != nullptr) {
    api_.wall_ms = &wall_ms_thunk;
    api_.monotonic_ns = &monotonic_ns_thunk;
  }
  api_.rate_acquire = &rate_acquire_thunk;
  api_.rate_try_acquire = &rate_try_acquire_thunk;
  api_.rate_report_usage = &rate_report_usage_thunk;
  api_.rate_pause_until = &rate_pause_until_thunk;
  api_.breaker_allow = &breaker_allow_thunk;
  api_.breaker_report = &breaker_report_thunk;
  api_.breaker_state = &breaker_state_thunk;
  api_.cache_get = &cache_get_thunk;
  api_.cache_put = &cache_put_thunk;
  api_.metric_register = &metric_register_thunk;
  api_.metric_record = &metric_record_thunk;
  api_.health_update = &health_update_thunk;
  api_.alert_raise = &alert_raise_thunk;
  api_.alert_resolve = &alert_resolve_thunk;
  api_.config_get = &config_get_thunk;
  api_.get_extension = &get_extension_thunk;
}

std::string host_api_table::health_component(const char* component) const {
  std::string name = "plugin." + instance_;
  if (component != nullptr && *component != '\0') name.append(".").append(component);
  return name;
}

std::string host_api_table::alert_key(const char* key) const { return instance_ + ":" + key; }

std::string host_api_table::cache_key(const char* key) const {
  // A separator no sane key contains keeps one instance's keys out of another's namespace.
  std::string namespaced;
  namespaced.reserve(instance_.size() + 1 + std::strlen(key));
  namespaced.append(instance_).push_back('\x1f');
  namespaced.append(key);
  return namespaced;
}

}  // namespace tb::host
