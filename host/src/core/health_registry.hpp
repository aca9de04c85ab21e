#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace tb::host {

// Values equal TB_HEALTH_* in tb_abi.h; a larger value is worse.
enum class health_state : std::int32_t { healthy = 0, degraded = 1, unhealthy = 2 };
const char* to_string(health_state state) noexcept;

struct component_health {
  std::string component;
  health_state state = health_state::healthy;
  std::string detail;
  std::int64_t changed_ms = 0;  // wall time of the last change of state
  std::int64_t updated_ms = 0;  // wall time of the last update, changed or not
};

// The health of each component (exchange connection, each plugin instance, the journal),
// for the status display and the health endpoint. The overall state is the worst one.
//
// Thread-safety: every member may be called from any thread, concurrently.
class health_registry {
 public:
  explicit health_registry(const clock& clk);

  // Creates the component on first update. `detail` says why it is not healthy.
  void update(std::string_view component, health_state state, std::string_view detail);
  void remove(std::string_view component);

  std::optional<component_health> get(std::string_view component) const;
  // The worst state of all components; healthy when there are none.
  health_state overall() const;
  std::vector<component_health> snapshot() const;  // sorted by component

 private:
  const clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, component_health, std::less<>> components_;
};

}  // namespace tb::host
