// tb::sdk::host: typed access to the services the host hands every plugin instance.
//
// A host object is a small value (one pointer) wrapping the instance's `const tb_host_api*`;
// copy it freely. The table is owned by the host and outlives the instance, so a copy stays
// valid until the plugin's destroy() returns; do not use it after that, e.g. from a thread
// that stop() failed to join.
//
// Every method is [any]: callable from any thread, concurrently. Every method first checks
// that the host's table contains the function (TB_HAS on struct_size) and that it is not NULL,
// so a plugin runs unchanged on an older host: without the service a query answers
// TB_E_UNSUPPORTED (or an empty result, as documented per method) and a report does nothing.
// A default-constructed host has no services at all.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/sdk/detail/sized_text.hpp"
#include "tradingbot/sdk/error.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

// A borrowed NUL-terminated string: built from a literal, a `const char*` or a std::string
// without copying. Used for names and keys that the C ABI needs NUL-terminated.
class c_string {
 public:
  c_string(const char* text) noexcept : text_(text) {}  // NOLINT: implicit by design
  c_string(const std::string& text) noexcept : text_(text.c_str()) {}  // NOLINT
  c_string(std::nullptr_t) noexcept : text_(nullptr) {}  // NOLINT
  const char* get() const noexcept { return text_; }

 private:
  const char* text_;
};

// The host's monotonic clock, the clock of every deadline in the ABI. Only the host can read
// it (host::now()); the type exists so deadlines are typed std::chrono time points.
struct monotonic_clock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<monotonic_clock, duration>;
  static constexpr bool is_steady = true;
};

// An absolute point on the host's monotonic clock by which a call must return.
using deadline = monotonic_clock::time_point;

inline deadline deadline_from_ns(std::int64_t monotonic_ns) noexcept {
  return deadline(std::chrono::nanoseconds(monotonic_ns));
}
inline std::int64_t deadline_to_ns(deadline when) noexcept {
  return when.time_since_epoch().count();
}

enum class log_level : std::int32_t {
  trace = TB_LOG_TRACE,
  debug = TB_LOG_DEBUG,
  info = TB_LOG_INFO,
  warn = TB_LOG_WARN,
  error = TB_LOG_ERROR,
  critical = TB_LOG_CRITICAL,
};

// Rate-limiter priority: a higher lane is served first when callers wait on one bucket.
enum class lane : std::int32_t {
  bulk = TB_LANE_BULK,         // market-data scans
  normal = TB_LANE_NORMAL,     // account and position checks
  critical = TB_LANE_CRITICAL, // protective orders, cancels
};

// Values other than these may arrive from a newer host; treat them as "not closed".
enum class breaker_state : std::int32_t {
  closed = TB_BREAKER_CLOSED,
  open = TB_BREAKER_OPEN,
  half_open = TB_BREAKER_HALF_OPEN,
};

enum class metric_type : std::int32_t {
  counter = TB_METRIC_COUNTER,     // record() adds
  gauge = TB_METRIC_GAUGE,         // record() sets
  histogram = TB_METRIC_HISTOGRAM, // record() observes
};

enum class health_state : std::int32_t {
  healthy = TB_HEALTH_HEALTHY,
  degraded = TB_HEALTH_DEGRADED,
  unhealthy = TB_HEALTH_UNHEALTHY,
};

enum class severity : std::int32_t {
  info = TB_SEVERITY_INFO,
  warning = TB_SEVERITY_WARNING,
  critical = TB_SEVERITY_CRITICAL,
};

// One metric label; both strings are borrowed for the register call.
struct label {
  const char* name;
  const char* value;
};

// A registered metric. Invalid (handle 0) when the host refused the registration (bad name,
// type clash) or has no metrics; recording an invalid metric does nothing.
class metric {
 public:
  constexpr metric() noexcept = default;
  constexpr explicit metric(std::uint64_t handle) noexcept : handle_(handle) {}
  constexpr std::uint64_t handle() const noexcept { return handle_; }
  constexpr bool valid() const noexcept { return handle_ != 0; }
  constexpr explicit operator bool() const noexcept { return valid(); }

 private:
  std::uint64_t handle_ = 0;
};

// True when the table contains FIELD and it is set.
#define TB_SDK_HOST_HAS(api, field) \
  ((api) != nullptr && TB_HAS(api, tb_host_api, field) && (api)->field != nullptr)

class host {
 public:
  // No services: every call degrades as documented.
  host() noexcept = default;
  // `api` may be NULL (same as the default). Borrowed; owned by the host.
  explicit host(const tb_host_api* api) noexcept : api_(api) {}

  // The raw table, for services this wrapper does not cover yet. May be NULL.
  const tb_host_api* raw() const noexcept { return api_; }
  // The ABI minor version the host implements; 0 without a table.
  std::uint16_t abi_minor() const noexcept { return api_ != nullptr ? api_->abi_minor : 0; }

  // ---- Logging through the host's sinks. Without a host log, the message is dropped.
  void log(log_level level, std::string_view message) const noexcept {
    if (TB_SDK_HOST_HAS(api_, log)) {
      api_->log(api_->ctx, static_cast<std::int32_t>(level), message.data(), message.size());
    }
  }
  void trace(std::string_view message) const noexcept { log(log_level::trace, message); }
  void debug(std::string_view message) const noexcept { log(log_level::debug, message); }
  void info(std::string_view message) const noexcept { log(log_level::info, message); }
  void warn(std::string_view message) const noexcept { log(log_level::warn, message); }
  void error(std::string_view message) const noexcept { log(log_level::error, message); }
  void critical(std::string_view message) const noexcept { log(log_level::critical, message); }

  // ---- Clocks. Wall time is virtual in backtests: use wall_ms() for "now", never the
  // system clock. Without the host's clocks these fall back to the process's own
  // system_clock / steady_clock.
  std::int64_t wall_ms() const noexcept {
    if (TB_SDK_HOST_HAS(api_, wall_ms)) return api_->wall_ms(api_->ctx);
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::int64_t monotonic_ns() const noexcept {
    if (TB_SDK_HOST_HAS(api_, monotonic_ns)) return api_->monotonic_ns(api_->ctx);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  // Now, on the host's monotonic clock.
  deadline now() const noexcept { return deadline_from_ns(monotonic_ns()); }
  // A deadline `timeout` from now.
  deadline deadline_in(std::chrono::nanoseconds timeout) const noexcept {
    return now() + timeout;
  }
  // Time left until `until`; zero or negative once it has passed.
  std::chrono::nanoseconds remaining(deadline until) const noexcept { return until - now(); }

  // ---- Rate limiter. Buckets are named in the host's configuration ("binance.ip_weight").
  // acquire waits until `weight` tokens are free: TB_OK, TB_E_TIMEOUT when the deadline
  // passes first, TB_E_RATE_LIMITED when the bucket is paused past the deadline,
  // TB_E_NOT_FOUND for an unknown bucket, TB_E_UNSUPPORTED without a host limiter.
  tb_status acquire(c_string bucket, std::uint32_t weight, lane priority,
                    deadline until) const noexcept {
    if (!TB_SDK_HOST_HAS(api_, rate_acquire)) return TB_E_UNSUPPORTED;
    return api_->rate_acquire(api_->ctx, bucket.get(), weight,
                              static_cast<std::int32_t>(priority), deadline_to_ns(until));
  }
  tb_status acquire(c_string bucket, std::uint32_t weight, lane priority,
                    std::chrono::nanoseconds timeout) const noexcept {
    return acquire(bucket, weight, priority, deadline_in(timeout));
  }
  // Never waits: TB_OK or TB_E_RATE_LIMITED (plus TB_E_NOT_FOUND / TB_E_UNSUPPORTED).
  tb_status try_acquire(c_string bucket, std::uint32_t weight, lane priority) const noexcept {
    if (!TB_SDK_HOST_HAS(api_, rate_try_acquire)) return TB_E_UNSUPPORTED;
    return api_->rate_try_acquire(api_->ctx, bucket.get(), weight,
                                  static_cast<std::int32_t>(priority));
  }
  // The server reported `used` of the bucket's capacity in the current window.
  void report_usage(c_string bucket, std::uint64_t used) const noexcept {
    if (TB_SDK_HOST_HAS(api_, rate_report_usage)) {
      api_->rate_report_usage(api_->ctx, bucket.get(), used);
    }
  }
  // Refuse every acquire on the bucket (every bucket when `bucket` is nullptr) until then.
  void pause_until(c_string bucket, std::int64_t until_wall_ms) const noexcept {
    if (TB_SDK_HOST_HAS(api_, rate_pause_until)) {
      api_->rate_pause_until(api_->ctx, bucket.get(), until_wall_ms);
    }
  }

  // ---- Circuit breakers, per endpoint group. allow(): TB_OK or TB_E_BREAKER_OPEN, and
  // TB_E_UNSUPPORTED without host breakers. Report the outcome of every allowed call.
  tb_status breaker_allow(c_string name) const noexcept {
    if (!TB_SDK_HOST_HAS(api_, breaker_allow)) return TB_E_UNSUPPORTED;
    return api_->breaker_allow(api_->ctx, name.get());
  }
  void breaker_report(c_string name, bool success) const noexcept {
    if (TB_SDK_HOST_HAS(api_, breaker_report)) {
      api_->breaker_report(api_->ctx, name.get(), success ? 1 : 0);
    }
  }
  // std::nullopt without host breakers.
  std::optional<breaker_state> breaker_state_of(c_string name) const noexcept {
    if (!TB_SDK_HOST_HAS(api_, breaker_state)) return std::nullopt;
    return static_cast<breaker_state>(api_->breaker_state(api_->ctx, name.get()));
  }

  // ---- Cache of byte values with a TTL, namespaced per plugin instance.
  // The value, or std::nullopt when the key is missing, the host has no cache or the host
  // reports an error. Grows its buffer when the value is larger than the first guess.
  // Throws only std::bad_alloc.
  std::optional<std::string> cache_get(c_string key) const {
    if (!TB_SDK_HOST_HAS(api_, cache_get)) return std::nullopt;
    std::string value(256, '\0');
    // The value may be replaced between two calls; a few rounds settle it.
    for (int round = 0; round < 8; ++round) {
      std::size_t length = 0;
      const tb_status status =
          api_->cache_get(api_->ctx, key.get(), value.data(), value.size(), &length);
      if (status == TB_OK) {
        value.resize(length < value.size() ? length : value.size());
        return value;
      }
      if (status != TB_E_BUFFER_TOO_SMALL || length <= value.size()) return std::nullopt;
      value.resize(length);
    }
    return std::nullopt;
  }
  // ttl <= 0: the host's configured default. TB_E_UNSUPPORTED without a host cache.
  tb_status cache_put(c_string key, std::string_view value,
                      std::chrono::milliseconds ttl = std::chrono::milliseconds(0)) const
      noexcept {
    if (!TB_SDK_HOST_HAS(api_, cache_put)) return TB_E_UNSUPPORTED;
    return api_->cache_put(api_->ctx, key.get(), value.data(), value.size(),
                           static_cast<std::int64_t>(ttl.count()));
  }

  // ---- Metrics. Register once (the same name and labels give the same handle), keep the
  // handle, record by handle on hot paths. The host adds an instance label itself.
  // Throws only std::bad_alloc.
  metric register_metric(metric_type type, c_string name, c_string help,
                         std::initializer_list<label> labels = {}) const {
    if (!TB_SDK_HOST_HAS(api_, metric_register)) return metric();
    std::vector<const char*> names;
    std::vector<const char*> values;
    names.reserve(labels.size());
    values.reserve(labels.size());
    for (const label& l : labels) {
      names.push_back(l.name);
      values.push_back(l.value);
    }
    return metric(api_->metric_register(api_->ctx, static_cast<std::int32_t>(type), name.get(),
                                        help.get(), names.data(), values.data(),
                                        labels.size()));
  }
  void record(metric which, double value) const noexcept {
    if (which.valid() && TB_SDK_HOST_HAS(api_, metric_record)) {
      api_->metric_record(api_->ctx, which.handle(), value);
    }
  }

  // ---- Health of a component of this instance (component nullptr: the instance itself).
  void update_health(health_state state, c_string detail,
                     c_string component = nullptr) const noexcept {
    if (TB_SDK_HOST_HAS(api_, health_update)) {
      api_->health_update(api_->ctx, component.get(), static_cast<std::int32_t>(state),
                          detail.get());
    }
  }

  // ---- Alerts, sent to every notifier plugin and de-duplicated by key.
  void raise_alert(c_string key, severity level, c_string title,
                   c_string detail) const noexcept {
    if (TB_SDK_HOST_HAS(api_, alert_raise)) {
      api_->alert_raise(api_->ctx, key.get(), static_cast<std::int32_t>(level), title.get(),
                        detail.get());
    }
  }
  void resolve_alert(c_string key) const noexcept {
    if (TB_SDK_HOST_HAS(api_, alert_resolve)) api_->alert_resolve(api_->ctx, key.get());
  }

  // ---- This instance's settings from the YAML file as JSON text, secrets already resolved.
  // "{}" (no settings) when the host has no config_get or hands over empty text. Throws
  // tb::sdk::error with the host's status when the host fails, and std::bad_alloc. Meant for
  // create/start, where failing fast with a clear message is right.
  std::string config_json() const {
    if (!TB_SDK_HOST_HAS(api_, config_get)) return "{}";
    std::string text = detail::read_sized_text(
        [this](char* buf, std::size_t capacity, std::size_t* length) {
          return api_->config_get(api_->ctx, buf, capacity, length);
        },
        "reading the plugin settings",
        [](tb_status status) { return std::string("the host answered ") + tb_status_name(status); });
    return text.empty() ? "{}" : text;  // no settings at all
  }

  // ---- Optional services by versioned id ("tb.symbols/1"): the table, or nullptr when
  // the host does not offer it. The table is owned by the host and lives as long as the table
  // of host services.
  const void* extension(c_string id) const noexcept {
    if (!TB_SDK_HOST_HAS(api_, get_extension)) return nullptr;
    return api_->get_extension(api_->ctx, id.get());
  }
  template <class Table>
  const Table* extension_as(c_string id) const noexcept {
    return static_cast<const Table*>(extension(id));
  }

 private:
  const tb_host_api* api_ = nullptr;
};

#undef TB_SDK_HOST_HAS

}  // namespace tb::sdk
