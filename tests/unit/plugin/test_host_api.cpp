#include "test_host_api.hpp"

#include <chrono>

namespace tb::host::testing {
namespace {

std::int64_t wall_ms(void*) {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
std::int64_t monotonic_ns(void*) {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}
tb_status rate_acquire(void*, const char*, std::uint32_t, std::int32_t, std::int64_t) {
  return TB_E_UNSUPPORTED;
}
tb_status rate_try_acquire(void*, const char*, std::uint32_t, std::int32_t) {
  return TB_E_UNSUPPORTED;
}
void rate_report_usage(void*, const char*, std::uint64_t) {}
void rate_pause_until(void*, const char*, std::int64_t) {}
tb_status breaker_allow(void*, const char*) { return TB_E_UNSUPPORTED; }
void breaker_report(void*, const char*, std::int32_t) {}
std::int32_t breaker_state(void*, const char*) { return TB_BREAKER_CLOSED; }
tb_status cache_get(void*, const char*, void*, std::size_t, std::size_t*) {
  return TB_E_UNSUPPORTED;
}
tb_status cache_put(void*, const char*, const void*, std::size_t, std::int64_t) {
  return TB_E_UNSUPPORTED;
}
std::uint64_t metric_register(void*, std::int32_t, const char*, const char*, const char* const*,
                              const char* const*, std::size_t) {
  return 0;
}
void metric_record(void*, std::uint64_t, double) {}
void health_update(void*, const char*, std::int32_t, const char*) {}
void alert_raise(void*, const char*, std::int32_t, const char*, const char*) {}
void alert_resolve(void*, const char*) {}
tb_status config_get(void*, char*, std::size_t, std::size_t*) { return TB_E_UNSUPPORTED; }
const void* get_extension(void*, const char*) { return nullptr; }

}  // namespace

test_host::test_host() {
  api_.struct_size = sizeof(tb_host_api);
  api_.abi_major = TB_ABI_MAJOR;
  api_.abi_minor = TB_ABI_MINOR;
  api_.ctx = this;
  api_.log = &test_host::log;
  api_.wall_ms = wall_ms;
  api_.monotonic_ns = monotonic_ns;
  api_.rate_acquire = rate_acquire;
  api_.rate_try_acquire = rate_try_acquire;
  api_.rate_report_usage = rate_report_usage;
  api_.rate_pause_until = rate_pause_until;
  api_.breaker_allow = breaker_allow;
  api_.breaker_report = breaker_report;
  api_.breaker_state = breaker_state;
  api_.cache_get = cache_get;
  api_.cache_put = cache_put;
  api_.metric_register = metric_register;
  api_.metric_record = metric_record;
  api_.health_update = health_update;
  api_.alert_raise = alert_raise;
  api_.alert_resolve = alert_resolve;
  api_.config_get = config_get;
  api_.get_extension = get_extension;
}

void test_host::log(void* ctx, std::int32_t level, const char* message, std::size_t length) {
  auto* self = static_cast<test_host*>(ctx);
  try {
    const std::lock_guard lock(self->mutex_);
    self->lines_.push_back({level, std::string(message, length)});
  } catch (...) {
    // A host callback must not throw into the plugin; losing a test log line is harmless.
  }
}

std::vector<log_line> test_host::lines() const {
  const std::lock_guard lock(mutex_);
  return lines_;
}

bool test_host::logged(const std::string& text) const {
  const std::lock_guard lock(mutex_);
  for (const log_line& line : lines_) {
    if (line.text.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace tb::host::testing
