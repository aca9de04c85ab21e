#include "app/notifier_fanout.hpp"

#include <exception>
#include <string>

#include <spdlog/spdlog.h>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

namespace {

// Calls `call(table, self, err)` on every notifier at `site`: a status other than TB_OK and
// TB_E_UNSUPPORTED is logged with `refused` ("refused alert 'x'"), a failure as an error.
template <class Call>
void call_each(const std::vector<plugin_instance*>& notifiers, spdlog::logger& log,
               const char* site, std::string_view refused, Call call) noexcept {
  for (plugin_instance* notifier : notifiers) {
    try {
      const auto* iface = notifier->interface<tb_notifier_v1>();
      tb_error err{};
      const tb_status status = status_call(notifier->site(site), err, [&](tb_error* e) {
        return call(*iface, notifier->self(), e);
      });
      if (status != TB_OK && status != TB_E_UNSUPPORTED) {
        log.warn("notifier '{}' {}: {} {}", notifier->name(), refused, tb_status_name(status),
                 error_text(err));
      }
    } catch (const std::exception& e) {
      try {
        log.error("notifier '{}' failed in {}: {}", notifier->name(), site, e.what());
      } catch (...) {
      }
    }
  }
}

}  // namespace

void notify_all(const std::vector<plugin_instance*>& notifiers, const tb_notification& note,
                std::string_view what) noexcept {
  std::string refused;
  try {
    refused = "refused " + std::string(what);
  } catch (...) {
  }
  call_each(notifiers, *spdlog::default_logger_raw(), "notify()", refused,
            [&](const tb_notifier_v1& t, void* self, tb_error* e) { return t.notify(self, &note, e); });
}

void flush_all(const std::vector<plugin_instance*>& notifiers, std::int64_t deadline_ns,
               spdlog::logger& log) noexcept {
  call_each(notifiers, log, "flush()", "did not deliver everything before stopping",
            [&](const tb_notifier_v1& t, void* self, tb_error* e) {
              return t.flush(self, deadline_ns, e);
            });
}

}  // namespace tb::host
