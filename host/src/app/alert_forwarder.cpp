#include "app/alert_forwarder.hpp"

#include <spdlog/spdlog.h>

#include "plugin/plugin_call.hpp"

namespace tb::host {

alert_forwarder::alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers)
    : alerts_(alerts), notifiers_(std::move(notifiers)) {
  subscription_ = alerts_.subscribe([this](const alert_event& event) { forward(event); });
}

alert_forwarder::~alert_forwarder() { alerts_.unsubscribe(subscription_); }

void alert_forwarder::forward(const alert_event& event) const {
  tb_notification note{};
  note.struct_size = sizeof(note);
  note.kind = event.resolved ? TB_NOTE_ALERT_RESOLVED : TB_NOTE_ALERT;
  note.severity = static_cast<int32_t>(event.severity);
  note.time_ms = event.time_ms;
  note.key = event.key.c_str();
  note.title = event.title.c_str();
  note.body = event.detail.c_str();
  for (plugin_instance* notifier : notifiers_) {
    try {
      const auto* iface = notifier->interface<tb_notifier_v1>();
      tb_error err{};
      const tb_status status = status_call(notifier->site("notify()"), err, [&](tb_error* e) {
        return iface->notify(notifier->self(), &note, e);
      });
      if (status != TB_OK && status != TB_E_UNSUPPORTED) {
        spdlog::warn("notifier '{}' refused alert '{}': {} {}", notifier->name(), event.key,
                     tb_status_name(status), error_text(err));
      }
    } catch (const std::exception& e) {
      spdlog::error("notifier '{}' failed on alert '{}': {}", notifier->name(), event.key,
                    e.what());
    }
  }
}

}  // namespace tb::host
