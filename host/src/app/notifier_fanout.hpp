#pragma once
// Hands one notification to every notifier plugin. A notifier that refuses it (other than
// TB_E_UNSUPPORTED) or fails is logged and skipped; the others still get it.
#include <cstdint>
#include <string_view>
#include <vector>

#include <spdlog/logger.h>

#include <tradingbot/tb_abi.h>

namespace tb::host {

class plugin_instance;

// `what` names the notification in log lines ("alert 'risk.lock'", "trade 12 opened").
void notify_all(const std::vector<plugin_instance*>& notifiers, const tb_notification& note,
                std::string_view what) noexcept;

// Asks every notifier to deliver what it has queued by `deadline_ns` (the host clock's
// monotonic time), one after another; what is still queued then is logged as a warning.
void flush_all(const std::vector<plugin_instance*>& notifiers, std::int64_t deadline_ns,
               spdlog::logger& log) noexcept;

}  // namespace tb::host
