#include "app/alert_forwarder.hpp"

#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

#include "plugin/plugin_call.hpp"

namespace tb::host {

alert_forwarder::alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers)
    : alerts_(alerts), notifiers_(std::move(notifiers)) {
  subscription_ = alerts_.subscribe([this](const alert_event& event) { forward(event); });
}

alert_forwarder::alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers,
                                 const clock& clk, std::chrono::milliseconds notify_every)
    : alerts_(alerts),
      notifiers_(std::move(notifiers)),
      clock_(notify_every.count() > 0 ? &clk : nullptr),
      notify_every_ns_(std::chrono::nanoseconds(notify_every).count()) {
  if (notify_every.count() < 0) {
    throw std::invalid_argument("alert_forwarder: notify_every is negative (" +
                                std::to_string(notify_every.count()) + " ms)");
  }
  subscription_ = alerts_.subscribe([this](const alert_event& event) {
    if (should_forward(event)) forward(event);
  });
}

alert_forwarder::~alert_forwarder() { alerts_.unsubscribe(subscription_); }

bool alert_forwarder::should_forward(const alert_event& event) {
  if (clock_ == nullptr) return true;
  const std::int64_t now = clock_->monotonic_ns();
  std::lock_guard<std::mutex> guard(mutex_);
  // Keys neither awaiting a resolution nor inside their quiet period need no memory.
  std::erase_if(history_, [&](const auto& entry) {
    return !entry.second.raise_sent && now - entry.second.last_sent_raise_ns >= notify_every_ns_;
  });
  const auto it = history_.find(event.key);
  if (event.resolved) {
    if (it == history_.end() || !it->second.raise_sent) return false;
    it->second.raise_sent = false;
    return true;
  }
  if (it != history_.end() && now - it->second.last_sent_raise_ns < notify_every_ns_) {
    return false;  // its resolution, if it went out, left raise_sent false
  }
  history_.insert_or_assign(event.key, key_history{now, true});
  return true;
}

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
