#include "app/scan_schedule.hpp"

namespace tb::host {

std::int64_t scan_period_ms(const service_settings& service, std::int64_t interval_ms) {
  if (service.scan_every.count() > 0) return service.scan_every.count();
  return interval_ms > 0 ? interval_ms : 60'000;
}

std::int64_t next_scan_ms(const service_settings& service, std::int64_t interval_ms,
                          std::int64_t started_ms, std::int64_t now_ms) {
  const std::int64_t period = scan_period_ms(service, interval_ms);
  if (service.scan_every.count() > 0) {
    const std::int64_t elapsed = now_ms - started_ms;
    return started_ms + (elapsed < 0 ? 0 : elapsed / period + 1) * period;
  }
  const std::int64_t delay = service.scan_delay.count();
  // The close at or before now - delay, then the next one after it.
  std::int64_t close = (now_ms - delay) / period * period;
  if (now_ms - delay < 0 && (now_ms - delay) % period != 0) close -= period;
  return close + period + delay;
}

std::int64_t scans_missed(const service_settings& service, std::int64_t interval_ms,
                          std::int64_t started_ms, std::int64_t last_due_ms, std::int64_t now_ms) {
  const std::int64_t due = next_scan_ms(service, interval_ms, started_ms, last_due_ms);
  const std::int64_t next = next_scan_ms(service, interval_ms, started_ms, now_ms);
  if (next <= due) return 0;
  const std::int64_t period = scan_period_ms(service, interval_ms);
  return (next - due + period - 1) / period;
}

}  // namespace tb::host
