#pragma once
// When the long-running bot scans: at every close of the strategies' shortest interval
// (plus service.scan_delay, so the exchange has closed the candle), or every
// service.scan_every counted from the start.
#include <cstdint>

#include "config/settings.hpp"

namespace tb::host {

// The first scan time strictly after `now_ms` (wall clock, epoch ms). `started_ms` anchors a
// fixed period; `interval_ms` is the shortest strategy interval (candle closes are its
// multiples since the epoch). A non-positive interval without a fixed period: one minute.
std::int64_t next_scan_ms(const service_settings& service, std::int64_t interval_ms,
                          std::int64_t started_ms, std::int64_t now_ms);

// How many scan times after `last_due_ms` (when the last scan was due) passed by `now_ms`:
// the scans a long scan ran past, which the schedule skips.
std::int64_t scans_missed(const service_settings& service, std::int64_t interval_ms,
                          std::int64_t started_ms, std::int64_t last_due_ms, std::int64_t now_ms);

// How long a scan is expected to take at most, for the monitoring defaults: the period.
std::int64_t scan_period_ms(const service_settings& service, std::int64_t interval_ms);

}  // namespace tb::host
