#pragma once
// Hands every alert event (raised or resolved) to every running notifier plugin, for as long
// as this object lives.
#include <cstdint>
#include <vector>

#include "core/alert_manager.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

class alert_forwarder {
 public:
  alert_forwarder(alert_manager& alerts, std::vector<plugin_instance*> notifiers);
  ~alert_forwarder();
  alert_forwarder(const alert_forwarder&) = delete;
  alert_forwarder& operator=(const alert_forwarder&) = delete;

 private:
  void forward(const alert_event& event) const;

  alert_manager& alerts_;
  std::vector<plugin_instance*> notifiers_;
  std::uint64_t subscription_ = 0;
};

}  // namespace tb::host
