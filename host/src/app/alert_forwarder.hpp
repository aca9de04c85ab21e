#pragma once
// Hands alert events (raised or resolved) to every running notifier plugin, for as long as
// this object lives.
//
// Rate limit (notify_every > 0): a resolution that comes within notify_every of the raise
// that went out for its key is held back, and a raise of the key while its resolution is held
// cancels both, so a flapping alert is heard once per period and the notifiers never believe
// resolved an alert that is active. A held resolution goes out at release_due() once the
// period has passed (the service loop calls it with every alert check); every raise of an
// alert the notifiers believe resolved goes out at once. Times are the clock's monotonic
// time. With notify_every 0 every event goes out as it comes.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/alert_manager.hpp"
#include "core/clock.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

class alert_forwarder {
 public:
  // Forwards every event. The manager and the notifiers must outlive the forwarder.
  alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers);
  // Rate-limited by key, as above; `clk` must outlive the forwarder too. Throws
  // std::invalid_argument for a negative notify_every.
  alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers,
                  const clock& clk, std::chrono::milliseconds notify_every);
  ~alert_forwarder();
  alert_forwarder(const alert_forwarder&) = delete;

  // Forwards every held resolution whose key's period has passed.
  void release_due();
  alert_forwarder& operator=(const alert_forwarder&) = delete;

 private:
  // A key whose raise went out and whose resolution has not.
  struct sent_raise {
    std::int64_t sent_ns = 0;
    std::optional<alert_event> held_resolution;
  };

  void limit(const alert_event& event);
  void forward(const alert_event& event) const;

  alert_manager& alerts_;
  std::vector<plugin_instance*> notifiers_;
  const clock* clock_ = nullptr;  // null: no limit
  const std::int64_t notify_every_ns_ = 0;
  // Deciding and forwarding happen under one lock, so the notifiers hear a key's events in
  // order; recursive because a notifier may raise an alert while it is being called.
  std::recursive_mutex mutex_;
  std::map<std::string, sent_raise, std::less<>> raised_;  // guarded by mutex_
  std::uint64_t subscription_ = 0;
};

}  // namespace tb::host
