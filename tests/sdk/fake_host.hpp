// A fake host for SDK and plugin tests: a complete tb_host_api whose services record their
// calls and answer what the test sets up, plus recording signal and market sinks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/tb_abi.h"

namespace tb::sdk::testing {

struct log_entry {
  std::int32_t level;
  std::string message;
};

struct acquire_call {
  std::string bucket;
  std::uint32_t weight;
  std::int32_t lane;
  std::int64_t deadline_ns;
};

class fake_host {
 public:
  fake_host() {
    api_.struct_size = static_cast<std::uint32_t>(sizeof api_);
    api_.abi_major = TB_ABI_MAJOR;
    api_.abi_minor = TB_ABI_MINOR;
    api_.ctx = this;
    api_.log = &log;
    api_.wall_ms = [](void* ctx) { return self(ctx).wall_ms; };
    api_.monotonic_ns = [](void* ctx) { return self(ctx).monotonic_ns; };
    api_.rate_acquire = &rate_acquire;
    api_.rate_try_acquire = [](void* ctx, const char* bucket, std::uint32_t weight,
                               std::int32_t lane) {
      return rate_acquire(ctx, bucket, weight, lane, -1);
    };
    api_.rate_report_usage = [](void* ctx, const char* bucket, std::uint64_t used) {
      self(ctx).record("rate_report_usage " + text(bucket) + " " + std::to_string(used));
    };
    api_.rate_pause_until = [](void* ctx, const char* bucket, std::int64_t until) {
      self(ctx).record("rate_pause_until " + text(bucket) + " " + std::to_string(until));
    };
    api_.breaker_allow = [](void* ctx, const char* name) {
      self(ctx).record("breaker_allow " + text(name));
      return self(ctx).breaker_status;
    };
    api_.breaker_report = [](void* ctx, const char* name, std::int32_t success) {
      self(ctx).record("breaker_report " + text(name) + " " + std::to_string(success));
    };
    api_.breaker_state = [](void* ctx, const char* name) {
      self(ctx).record("breaker_state " + text(name));
      return std::int32_t{TB_BREAKER_HALF_OPEN};
    };
    api_.cache_get = &cache_get;
    api_.cache_put = [](void* ctx, const char* key, const void* value, std::size_t length,
                        std::int64_t ttl_ms) {
      fake_host& h = self(ctx);
      h.record("cache_put " + text(key) + " ttl " + std::to_string(ttl_ms));
      h.cache[key] = std::string(static_cast<const char*>(value), length);
      return tb_status{TB_OK};
    };
    api_.metric_register = &metric_register;
    api_.metric_record = [](void* ctx, std::uint64_t handle, double value) {
      self(ctx).record("metric_record " + std::to_string(handle) + " " + std::to_string(value));
    };
    api_.health_update = [](void* ctx, const char* component, std::int32_t state,
                            const char* detail) {
      self(ctx).record("health_update " + text(component) + " " + std::to_string(state) + " " +
                       text(detail));
    };
    api_.alert_raise = [](void* ctx, const char* key, std::int32_t severity, const char* title,
                          const char* detail) {
      self(ctx).record("alert_raise " + text(key) + " " + std::to_string(severity) + " " +
                       text(title) + " " + text(detail));
    };
    api_.alert_resolve = [](void* ctx, const char* key) {
      self(ctx).record("alert_resolve " + text(key));
    };
    api_.config_get = &config_get;
    api_.get_extension = [](void* ctx, const char* id) -> const void* {
      self(ctx).record("get_extension " + text(id));
      return text(id) == "tb.test/1" ? &self(ctx).extension_table : nullptr;
    };
  }
  fake_host(const fake_host&) = delete;
  fake_host& operator=(const fake_host&) = delete;

  const tb_host_api* api() const { return &api_; }
  // For tests that play an older or broken host: shrink struct_size, clear a pointer.
  tb_host_api& table() { return api_; }

  // ---- What the services answer.
  std::int64_t wall_ms = 1'700'000'000'000;
  std::int64_t monotonic_ns = 5'000'000'000;
  tb_status rate_status = TB_OK;
  tb_status breaker_status = TB_OK;
  std::map<std::string, std::string> cache;
  std::string config = "{}";
  tb_status config_status = TB_OK;  // a failure to report instead of the text
  bool config_counts_nul = false;   // report the length with a terminating NUL
  std::uint64_t next_metric = 7;
  int extension_table = 0;

  // ---- What the plugin did.
  std::vector<log_entry> logs() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return logs_;
  }
  std::vector<std::string> calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }
  std::vector<acquire_call> acquires() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return acquires_;
  }
  // Every log message, one per line, each prefixed by its level.
  std::string all_logs() const {
    std::string out;
    for (const log_entry& e : logs()) out += std::to_string(e.level) + " " + e.message + "\n";
    return out;
  }
  bool logged(std::int32_t level, std::string_view needle) const {
    for (const log_entry& e : logs()) {
      if (e.level == level && e.message.find(needle) != std::string::npos) return true;
    }
    return false;
  }
  int count_calls(std::string_view prefix) const {
    int n = 0;
    for (const std::string& c : calls()) n += c.compare(0, prefix.size(), prefix) == 0 ? 1 : 0;
    return n;
  }

 private:
  static fake_host& self(void* ctx) { return *static_cast<fake_host*>(ctx); }
  static std::string text(const char* s) { return s != nullptr ? s : "(null)"; }

  void record(std::string call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(std::move(call));
  }

  static void log(void* ctx, std::int32_t level, const char* message, std::size_t length) {
    fake_host& h = self(ctx);
    std::lock_guard<std::mutex> lock(h.mutex_);
    h.logs_.push_back({level, std::string(message, length)});
  }

  static tb_status rate_acquire(void* ctx, const char* bucket, std::uint32_t weight,
                                std::int32_t lane, std::int64_t deadline_ns) {
    fake_host& h = self(ctx);
    {
      std::lock_guard<std::mutex> lock(h.mutex_);
      h.acquires_.push_back({text(bucket), weight, lane, deadline_ns});
    }
    h.record(deadline_ns < 0 ? "rate_try_acquire" : "rate_acquire");
    return h.rate_status;
  }

  static tb_status cache_get(void* ctx, const char* key, void* buf, std::size_t capacity,
                             std::size_t* length) {
    fake_host& h = self(ctx);
    h.record("cache_get " + text(key));
    const auto it = h.cache.find(key);
    if (it == h.cache.end()) return TB_E_NOT_FOUND;
    *length = it->second.size();
    if (it->second.size() > capacity) return TB_E_BUFFER_TOO_SMALL;
    std::memcpy(buf, it->second.data(), it->second.size());
    return TB_OK;
  }

  static std::uint64_t metric_register(void* ctx, std::int32_t type, const char* name,
                                       const char* help, const char* const* label_names,
                                       const char* const* label_values,
                                       std::size_t label_count) {
    fake_host& h = self(ctx);
    std::string call = "metric_register " + std::to_string(type) + " " + text(name) + " " +
                       text(help);
    for (std::size_t i = 0; i < label_count; ++i) {
      call += " " + text(label_names[i]) + "=" + text(label_values[i]);
    }
    h.record(call);
    return h.next_metric;
  }

  static tb_status config_get(void* ctx, char* buf, std::size_t capacity, std::size_t* length) {
    fake_host& h = self(ctx);
    h.record("config_get");
    if (h.config_status != TB_OK) return h.config_status;
    const std::size_t needed = h.config.size() + (h.config_counts_nul ? 1 : 0);
    *length = needed;
    if (needed > capacity) return TB_E_BUFFER_TOO_SMALL;
    std::memcpy(buf, h.config.c_str(), needed);
    return TB_OK;
  }

  mutable std::mutex mutex_;
  std::vector<log_entry> logs_;
  std::vector<std::string> calls_;
  std::vector<acquire_call> acquires_;
  tb_host_api api_{};
};

// A signal as the host would keep it: the struct plus copies of its strings.
struct emitted_signal {
  tb_signal raw;
  std::string symbol;
  std::string reason;
  bool reason_null;
};

// A host signal sink that keeps everything emitted; answers `status`.
class recording_signal_sink {
 public:
  recording_signal_sink() {
    sink_.struct_size = static_cast<std::uint32_t>(sizeof sink_);
    sink_.ctx = this;
    sink_.emit = [](void* ctx, const tb_signal* signal) {
      auto& self = *static_cast<recording_signal_sink*>(ctx);
      self.signals.push_back({*signal, signal->symbol != nullptr ? signal->symbol : "",
                              signal->reason != nullptr ? signal->reason : "",
                              signal->reason == nullptr});
      return self.status;
    };
  }
  recording_signal_sink(const recording_signal_sink&) = delete;
  recording_signal_sink& operator=(const recording_signal_sink&) = delete;

  const tb_signal_sink* raw() const { return &sink_; }
  tb_signal_sink& table() { return sink_; }

  std::vector<emitted_signal> signals;
  tb_status status = TB_OK;

 private:
  tb_signal_sink sink_{};
};

// A host market sink that keeps every push as one line of text.
class recording_market_sink {
 public:
  recording_market_sink() {
    sink_.struct_size = static_cast<std::uint32_t>(sizeof sink_);
    sink_.ctx = this;
    sink_.on_candle = [](void* ctx, const char* symbol, const char* interval,
                         const tb_candle* candle) {
      self(ctx).events.push_back(std::string("candle ") + symbol + " " + interval + " " +
                                 std::to_string(candle->open_time_ms) + " " +
                                 std::to_string(candle->close));
    };
    sink_.on_order_update = [](void* ctx, const tb_order_state* order) {
      self(ctx).events.push_back(std::string("order ") + order->symbol + " " +
                                 order->client_order_id);
    };
    sink_.on_position_update = [](void* ctx, const tb_position* position) {
      self(ctx).events.push_back(std::string("position ") + position->symbol + " " +
                                 position->quantity);
    };
    sink_.on_balance_update = [](void* ctx, const tb_balance* balance) {
      self(ctx).events.push_back(std::string("balance ") + balance->asset + " " +
                                 balance->wallet_balance);
    };
    sink_.on_stream_status = [](void* ctx, const char* stream, std::int32_t status,
                                const char* detail) {
      self(ctx).events.push_back(std::string("stream ") + stream + " " + std::to_string(status) +
                                 " " + (detail != nullptr ? detail : "(null)"));
    };
  }
  recording_market_sink(const recording_market_sink&) = delete;
  recording_market_sink& operator=(const recording_market_sink&) = delete;

  const tb_market_sink* raw() const { return &sink_; }
  tb_market_sink& table() { return sink_; }

  std::vector<std::string> events;

 private:
  static recording_market_sink& self(void* ctx) {
    return *static_cast<recording_market_sink*>(ctx);
  }
  tb_market_sink sink_{};
};

}  // namespace tb::sdk::testing
