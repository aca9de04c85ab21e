#include "faults/fault_injector.hpp"

namespace tb::fake {

std::optional<fault_kind> parse_fault_kind(const std::string& name) {
  if (name == "error") return fault_kind::error_5xx;
  if (name == "timeout") return fault_kind::timeout;
  if (name == "reset") return fault_kind::reset;
  if (name == "malformed") return fault_kind::malformed;
  return std::nullopt;
}

std::string to_string(fault_kind kind) {
  switch (kind) {
    case fault_kind::error_5xx: return "error";
    case fault_kind::timeout: return "timeout";
    case fault_kind::reset: return "reset";
    case fault_kind::malformed: return "malformed";
  }
  return "?";
}

void fault_injector::add(const fault_rule& rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(rule);
}

std::optional<fault_rule> fault_injector::roll(const std::string& path) {
  std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (!it->path.empty() && path.rfind(it->path, 0) != 0) continue;
    if (it->count > 0) {
      fault_rule fired = *it;
      if (--it->count == 0) rules_.erase(it);
      return fired;
    }
    if (it->rate > 0 && rng_.uniform() < it->rate) return *it;
  }
  return std::nullopt;
}

void fault_injector::set_latency_ms(std::int64_t ms) {
  std::lock_guard lock(mutex_);
  latency_ms_ = ms;
}

std::int64_t fault_injector::latency_ms() {
  std::lock_guard lock(mutex_);
  return latency_ms_;
}

void fault_injector::arm_lost_order_responses(std::int64_t count) {
  std::lock_guard lock(mutex_);
  lost_orders_ = count;
}

bool fault_injector::take_lost_order_response() {
  std::lock_guard lock(mutex_);
  if (lost_orders_ <= 0) return false;
  --lost_orders_;
  return true;
}

std::vector<fault_rule> fault_injector::rules() {
  std::lock_guard lock(mutex_);
  return rules_;
}

void fault_injector::reset() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  latency_ms_ = 0;
  lost_orders_ = 0;
}

}  // namespace tb::fake
