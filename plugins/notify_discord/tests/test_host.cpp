#include "test_host.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace tb::discord::testing {
namespace {

std::string text_of(const char* text) { return text == nullptr ? std::string() : std::string(text); }

}  // namespace

test_host::test_host() {
  api_.struct_size = sizeof api_;
  api_.abi_major = TB_ABI_MAJOR;
  api_.abi_minor = TB_ABI_MINOR;
  api_.ctx = this;
  api_.log = [](void* ctx, std::int32_t level, const char* message, std::size_t length) {
    test_host& h = self(ctx);
    std::string text(message, length);
    {
      std::lock_guard lock(h.mutex_);
      if (h.echo_) std::fprintf(stderr, "[host log %d] %s\n", level, text.c_str());
      h.logs_.push_back({static_cast<sdk::log_level>(level), std::move(text)});
    }
    h.changed();
  };
  api_.wall_ms = [](void* ctx) -> std::int64_t {
    test_host& h = self(ctx);
    {
      std::lock_guard lock(h.mutex_);
      if (h.wall_ms_) return *h.wall_ms_;
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  api_.monotonic_ns = [](void*) -> std::int64_t {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  api_.metric_register = [](void* ctx, std::int32_t type, const char* name, const char*,
                            const char* const* names, const char* const* values,
                            std::size_t count) -> std::uint64_t {
    test_host& h = self(ctx);
    std::string key = text_of(name) + "{";
    for (std::size_t i = 0; i < count; ++i) {
      key += (i > 0 ? "," : "") + text_of(names[i]) + "=" + text_of(values[i]);
    }
    key += "}";
    std::lock_guard lock(h.mutex_);
    auto [it, added] = h.metric_handles_.try_emplace(key, h.metric_handles_.size() + 1);
    if (added) h.metrics_[it->second] = {key, type, 0};
    return it->second;
  };
  api_.metric_record = [](void* ctx, std::uint64_t handle, double value) {
    test_host& h = self(ctx);
    {
      std::lock_guard lock(h.mutex_);
      auto it = h.metrics_.find(handle);
      if (it == h.metrics_.end()) return;
      if (it->second.type == TB_METRIC_GAUGE) {
        it->second.value = value;
      } else {
        it->second.value += value;
      }
    }
    h.changed();
  };
  api_.health_update = [](void* ctx, const char* component, std::int32_t state, const char* detail) {
    test_host& h = self(ctx);
    {
      std::lock_guard lock(h.mutex_);
      h.health_.push_back({text_of(component), static_cast<sdk::health_state>(state), text_of(detail)});
    }
    h.changed();
  };
  api_.alert_raise = [](void* ctx, const char* key, std::int32_t level, const char* title,
                        const char* detail) {
    test_host& h = self(ctx);
    {
      std::lock_guard lock(h.mutex_);
      h.alerts_.push_back({text_of(key), false, static_cast<sdk::severity>(level), text_of(title),
                           text_of(detail)});
      h.active_[text_of(key)] = true;
    }
    h.changed();
  };
  api_.alert_resolve = [](void* ctx, const char* key) {
    test_host& h = self(ctx);
    {
      std::lock_guard lock(h.mutex_);
      h.alerts_.push_back({text_of(key), true, {}, {}, {}});
      h.active_[text_of(key)] = false;
    }
    h.changed();
  };
  api_.config_get = [](void* ctx, char* buf, std::size_t capacity, std::size_t* length) -> tb_status {
    test_host& h = self(ctx);
    std::lock_guard lock(h.mutex_);
    *length = h.config_.size();
    if (h.config_.size() > capacity) return TB_E_BUFFER_TOO_SMALL;
    std::copy(h.config_.begin(), h.config_.end(), buf);
    return TB_OK;
  };
}

void test_host::changed() {
  std::lock_guard lock(mutex_);
  changed_.notify_all();
}

void test_host::set_config(std::string json) {
  std::lock_guard lock(mutex_);
  config_ = std::move(json);
}

void test_host::set_wall_ms(std::optional<std::int64_t> ms) {
  std::lock_guard lock(mutex_);
  wall_ms_ = ms;
}

void test_host::echo_logs(bool on) {
  std::lock_guard lock(mutex_);
  echo_ = on;
}

std::vector<test_host::log_line> test_host::logs() const {
  std::lock_guard lock(mutex_);
  return logs_;
}

std::size_t test_host::count_logs(std::string_view needle, sdk::log_level at_least) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(logs_.begin(), logs_.end(), [&](const log_line& l) {
    return l.level >= at_least && l.text.find(needle) != std::string::npos;
  }));
}

std::vector<test_host::alert_event> test_host::alerts() const {
  std::lock_guard lock(mutex_);
  return alerts_;
}

bool test_host::alert_active(std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto it = active_.find(std::string(key));
  return it != active_.end() && it->second;
}

std::size_t test_host::alert_raises(std::string_view key) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(alerts_.begin(), alerts_.end(), [&](const alert_event& a) {
    return !a.resolved && a.key == key;
  }));
}

std::optional<test_host::alert_event> test_host::last_raise(std::string_view key) const {
  std::lock_guard lock(mutex_);
  for (auto it = alerts_.rbegin(); it != alerts_.rend(); ++it) {
    if (!it->resolved && it->key == key) return *it;
  }
  return std::nullopt;
}

std::vector<test_host::health_report> test_host::health_reports() const {
  std::lock_guard lock(mutex_);
  return health_;
}

std::optional<test_host::health_report> test_host::health(std::string_view component) const {
  std::lock_guard lock(mutex_);
  for (auto it = health_.rbegin(); it != health_.rend(); ++it) {
    if (it->component == component) return *it;
  }
  return std::nullopt;
}

double test_host::metric(std::string_view name, std::string_view labels) const {
  const std::string key = std::string(name) + "{" + std::string(labels) + "}";
  std::lock_guard lock(mutex_);
  auto handle = metric_handles_.find(key);
  if (handle == metric_handles_.end()) return 0;
  return metrics_.at(handle->second).value;
}

bool test_host::wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    std::unique_lock lock(mutex_);
    if (std::chrono::steady_clock::now() >= deadline) return false;
    changed_.wait_for(lock, std::chrono::milliseconds(10));
  }
}

}  // namespace tb::discord::testing
