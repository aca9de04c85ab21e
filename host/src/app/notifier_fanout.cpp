#include "app/notifier_fanout.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

void notify_all(const std::vector<plugin_instance*>& notifiers, const tb_notification& note,
                std::string_view what) noexcept {
  for (plugin_instance* notifier : notifiers) {
    try {
      const auto* iface = notifier->interface<tb_notifier_v1>();
      tb_error err{};
      const tb_status status = status_call(notifier->site("notify()"), err, [&](tb_error* e) {
        return iface->notify(notifier->self(), &note, e);
      });
      if (status != TB_OK && status != TB_E_UNSUPPORTED) {
        spdlog::warn("notifier '{}' refused {}: {} {}", notifier->name(), what,
                     tb_status_name(status), error_text(err));
      }
    } catch (const std::exception& e) {
      try {
        spdlog::error("notifier '{}' failed on {}: {}", notifier->name(), what, e.what());
      } catch (...) {
      }
    }
  }
}

void flush_all(const std::vector<plugin_instance*>& notifiers, std::int64_t deadline_ns,
               spdlog::logger& log) noexcept {
  for (plugin_instance* notifier : notifiers) {
    try {
      const auto* iface = notifier->interface<tb_notifier_v1>();
      tb_error err{};
      const tb_status status = status_call(notifier->site("flush()"), err, [&](tb_error* e) {
        return iface->flush(notifier->self(), deadline_ns, e);
      });
      if (status != TB_OK && status != TB_E_UNSUPPORTED) {
        log.warn("notifier '{}' did not deliver everything before stopping: {} {}",
                 notifier->name(), tb_status_name(status), error_text(err));
      }
    } catch (const std::exception& e) {
      try {
        log.error("notifier '{}' failed to flush: {}", notifier->name(), e.what());
      } catch (...) {
      }
    }
  }
}

}  // namespace tb::host
