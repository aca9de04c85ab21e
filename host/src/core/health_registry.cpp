#include "core/health_registry.hpp"

#include <algorithm>

namespace tb::host {

const char* to_string(health_state state) noexcept {
  switch (state) {
    case health_state::healthy: return "healthy";
    case health_state::degraded: return "degraded";
    case health_state::unhealthy: return "unhealthy";
  }
  return "unknown";
}

health_registry::health_registry(const clock& clk) : clock_(clk) {}

void health_registry::update(std::string_view component, health_state state,
                             std::string_view detail) {
  const std::int64_t now = clock_.wall_ms();
  std::lock_guard<std::mutex> guard(mutex_);
  auto it = components_.find(component);
  if (it == components_.end()) {
    components_.emplace(std::string(component),
                        component_health{std::string(component), state, std::string(detail),
                                         now, now});
    return;
  }
  component_health& c = it->second;
  if (c.state != state) c.changed_ms = now;
  c.state = state;
  c.detail.assign(detail);
  c.updated_ms = now;
}

void health_registry::remove(std::string_view component) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (const auto it = components_.find(component); it != components_.end()) {
    components_.erase(it);
  }
}

std::optional<component_health> health_registry::get(std::string_view component) const {
  std::lock_guard<std::mutex> guard(mutex_);
  const auto it = components_.find(component);
  if (it == components_.end()) return std::nullopt;
  return it->second;
}

health_state health_registry::overall() const {
  std::lock_guard<std::mutex> guard(mutex_);
  health_state worst = health_state::healthy;
  for (const auto& [name, c] : components_) worst = std::max(worst, c.state);
  return worst;
}

std::vector<component_health> health_registry::snapshot() const {
  std::lock_guard<std::mutex> guard(mutex_);
  std::vector<component_health> out;
  out.reserve(components_.size());
  for (const auto& [name, c] : components_) out.push_back(c);
  return out;
}

}  // namespace tb::host
