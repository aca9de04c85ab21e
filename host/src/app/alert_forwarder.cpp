#include "app/alert_forwarder.hpp"

#include <stdexcept>
#include <string>

#include "app/notifier_fanout.hpp"

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
  subscription_ = alerts_.subscribe([this](const alert_event& event) { limit(event); });
}

alert_forwarder::~alert_forwarder() { alerts_.unsubscribe(subscription_); }

void alert_forwarder::limit(const alert_event& event) {
  if (clock_ == nullptr) return forward(event);
  const std::int64_t now = clock_->monotonic_ns();
  std::lock_guard guard(mutex_);
  const auto it = raised_.find(event.key);
  if (!event.resolved) {
    if (it != raised_.end() && it->second.held_resolution) {
      it->second.held_resolution.reset();  // the notifiers still believe it active: nothing to say
      return;
    }
    raised_.insert_or_assign(event.key, sent_raise{now, std::nullopt});
    return forward(event);
  }
  if (it == raised_.end()) return;  // raised before the forwarder was there
  if (now - it->second.sent_ns < notify_every_ns_) {
    it->second.held_resolution = event;
    return;
  }
  raised_.erase(it);
  forward(event);
}

void alert_forwarder::release_due() {
  if (clock_ == nullptr) return;
  const std::int64_t now = clock_->monotonic_ns();
  std::lock_guard guard(mutex_);
  std::vector<alert_event> due;
  std::erase_if(raised_, [&](auto& entry) {
    if (!entry.second.held_resolution || now - entry.second.sent_ns < notify_every_ns_) return false;
    due.push_back(std::move(*entry.second.held_resolution));
    return true;
  });
  for (const auto& resolution : due) forward(resolution);  // after the map is settled
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
  notify_all(notifiers_, note, "alert '" + event.key + "'");
}

}  // namespace tb::host
