#pragma once
// Hands alert events (raised or resolved) to every running notifier plugin, for as long as
// this object lives.
//
// Rate limit (notify_every > 0): an alert key raised again within notify_every of the last
// raise of it that went out is not forwarded, so a flapping alert does not spam; the
// resolution of a raise that was not forwarded is not forwarded either, and the resolution
// of one that was always is. Times are the clock's monotonic time when the forwarder gets the
// event. With notify_every 0 every event goes out.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
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
  alert_forwarder& operator=(const alert_forwarder&) = delete;

 private:
  struct key_history {
    std::int64_t last_sent_raise_ns = 0;
    bool raise_sent = false;  // the latest raise went out: so does its resolution
  };

  bool should_forward(const alert_event& event);
  void forward(const alert_event& event) const;

  alert_manager& alerts_;
  std::vector<plugin_instance*> notifiers_;
  const clock* clock_ = nullptr;  // null: no limit
  const std::int64_t notify_every_ns_ = 0;
  std::mutex mutex_;
  std::map<std::string, key_history, std::less<>> history_;  // guarded by mutex_
  std::uint64_t subscription_ = 0;
};

}  // namespace tb::host
