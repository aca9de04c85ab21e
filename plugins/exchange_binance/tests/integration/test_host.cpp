#include "test_host.hpp"

#include <algorithm>
#include <thread>

namespace tb::binance::testing {

std::int64_t test_host::now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::int64_t test_host::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

test_host::test_host() {
  api_.struct_size = sizeof api_;
  api_.abi_major = TB_ABI_MAJOR;
  api_.abi_minor = TB_ABI_MINOR;
  api_.ctx = this;
  api_.log = [](void* ctx, std::int32_t level, const char* message, std::size_t length) {
    std::lock_guard lock(self(ctx).mutex_);
    self(ctx).logs_.push_back(std::to_string(level) + " " + std::string(message, length));
  };
  api_.wall_ms = [](void*) { return now_ms(); };
  api_.monotonic_ns = [](void*) { return now_ns(); };
  api_.rate_acquire = [](void* ctx, const char* b, std::uint32_t w, std::int32_t, std::int64_t d) {
    return self(ctx).acquire(b, w, d, true);
  };
  api_.rate_try_acquire = [](void* ctx, const char* b, std::uint32_t w, std::int32_t) {
    return self(ctx).acquire(b, w, 0, false);
  };
  api_.rate_report_usage = [](void* ctx, const char* b, std::uint64_t used) {
    std::lock_guard lock(self(ctx).mutex_);
    self(ctx).usage_.emplace_back(b, used);
  };
  api_.rate_pause_until = [](void* ctx, const char* b, std::int64_t until) {
    test_host& h = self(ctx);
    std::lock_guard lock(h.mutex_);
    h.pauses_.push_back({b == nullptr ? "" : b, until});
    if (b == nullptr) {
      h.all_paused_until_ms_ = std::max(h.all_paused_until_ms_, until);
    } else if (auto it = h.buckets_.find(b); it != h.buckets_.end()) {
      it->second.paused_until_ms = std::max(it->second.paused_until_ms, until);
    }
  };
  api_.breaker_allow = [](void* ctx, const char* name) -> tb_status {
    std::lock_guard lock(self(ctx).mutex_);
    return self(ctx).breakers_[name].open ? TB_E_BREAKER_OPEN : TB_OK;
  };
  api_.breaker_report = [](void* ctx, const char* name, std::int32_t success) {
    test_host& h = self(ctx);
    std::lock_guard lock(h.mutex_);
    breaker& b = h.breakers_[name];
    b.failures = success ? 0 : b.failures + 1;
    if (b.failures >= h.breaker_threshold) b.open = true;
  };
  api_.breaker_state = [](void* ctx, const char* name) {
    return self(ctx).breaker_state(name);
  };
  api_.alert_raise = [](void* ctx, const char* key, std::int32_t, const char*, const char*) {
    std::lock_guard lock(self(ctx).mutex_);
    self(ctx).alerts_.emplace_back(key);
  };
  api_.config_get = [](void* ctx, char* buf, std::size_t capacity, std::size_t* length) {
    const std::string& text = self(ctx).config;
    *length = text.size();
    if (text.size() > capacity) return TB_E_BUFFER_TOO_SMALL;
    std::copy(text.begin(), text.end(), buf);
    return TB_OK;
  };
}

void test_host::add_bucket(const std::string& name, std::uint64_t capacity,
                           std::chrono::milliseconds window) {
  std::lock_guard lock(mutex_);
  bucket& b = buckets_[name];
  b.capacity = static_cast<double>(capacity);
  b.tokens = b.capacity;
  b.per_ns = b.capacity / static_cast<double>(std::chrono::nanoseconds(window).count());
  b.refilled_ns = now_ns();
}

void test_host::clear_pauses() {
  std::lock_guard lock(mutex_);
  all_paused_until_ms_ = 0;
  for (auto& [name, b] : buckets_) b.paused_until_ms = 0;
  changed_.notify_all();
}

tb_status test_host::acquire(const char* name, std::uint32_t weight, std::int64_t deadline_ns,
                             bool wait) {
  std::unique_lock lock(mutex_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) return TB_E_NOT_FOUND;
  bucket& b = it->second;
  for (;;) {
    const std::int64_t paused = std::max(all_paused_until_ms_, b.paused_until_ms);
    const std::int64_t ns = now_ns();
    if (paused > now_ms()) {
      if (!wait || ns + (paused - now_ms()) * 1'000'000 > deadline_ns) return TB_E_RATE_LIMITED;
    } else {
      b.tokens = std::min(b.capacity, b.tokens + static_cast<double>(ns - b.refilled_ns) * b.per_ns);
      b.refilled_ns = ns;
      if (b.tokens >= weight) {
        b.tokens -= weight;
        return TB_OK;
      }
      if (!wait) return TB_E_RATE_LIMITED;
      if (ns >= deadline_ns) return TB_E_TIMEOUT;
    }
    changed_.wait_for(lock, std::chrono::milliseconds(5));
  }
}

std::vector<test_host::pause> test_host::pauses() const {
  std::lock_guard lock(mutex_);
  return pauses_;
}

std::vector<std::pair<std::string, std::uint64_t>> test_host::usage_reports() const {
  std::lock_guard lock(mutex_);
  return usage_;
}

int32_t test_host::breaker_state(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = breakers_.find(name);
  return it != breakers_.end() && it->second.open ? TB_BREAKER_OPEN : TB_BREAKER_CLOSED;
}

std::vector<std::string> test_host::logs() const {
  std::lock_guard lock(mutex_);
  return logs_;
}

std::vector<std::string> test_host::alerts() const {
  std::lock_guard lock(mutex_);
  return alerts_;
}

recording_sink::recording_sink() {
  sink_.struct_size = sizeof sink_;
  sink_.ctx = this;
  sink_.on_candle = [](void* ctx, const char* symbol, const char* interval, const tb_candle* c) {
    auto& s = *static_cast<recording_sink*>(ctx);
    std::lock_guard lock(s.mutex_);
    s.candles_.push_back({symbol, interval, *c});
    s.changed_.notify_all();
  };
  sink_.on_order_update = [](void* ctx, const tb_order_state* o) {
    auto& s = *static_cast<recording_sink*>(ctx);
    std::lock_guard lock(s.mutex_);
    s.account_.orders.push_back(*o);
    s.changed_.notify_all();
  };
  sink_.on_position_update = [](void* ctx, const tb_position* p) {
    auto& s = *static_cast<recording_sink*>(ctx);
    std::lock_guard lock(s.mutex_);
    s.account_.positions.push_back(*p);
    s.changed_.notify_all();
  };
  sink_.on_balance_update = [](void* ctx, const tb_balance* b) {
    auto& s = *static_cast<recording_sink*>(ctx);
    std::lock_guard lock(s.mutex_);
    s.account_.balances.push_back(*b);
    s.changed_.notify_all();
  };
  sink_.on_stream_status = [](void* ctx, const char* stream, std::int32_t status, const char*) {
    auto& s = *static_cast<recording_sink*>(ctx);
    std::lock_guard lock(s.mutex_);
    s.statuses_.emplace_back(stream, status);
    s.changed_.notify_all();
  };
}

std::vector<recording_sink::candle_event> recording_sink::candles() const {
  std::lock_guard lock(mutex_);
  return candles_;
}

recording_sink::account_events recording_sink::account() const {
  std::lock_guard lock(mutex_);
  return account_;
}

std::vector<std::pair<std::string, int32_t>> recording_sink::statuses() const {
  std::lock_guard lock(mutex_);
  return statuses_;
}

}  // namespace tb::binance::testing
