#include "market/sim_clock.hpp"

namespace tb::fake {

sim_clock::sim_clock(double speed, std::int64_t start_ms)
    : speed_(speed > 0 ? speed : 1.0),
      start_ms_(start_ms < 0 ? wall_ms() : start_ms),
      start_steady_(std::chrono::steady_clock::now()) {}

std::int64_t sim_clock::now_ms() const {
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                  start_steady_);
  return start_ms_ + static_cast<std::int64_t>(elapsed.count() * speed_) + skew_ms_.load();
}

std::int64_t sim_clock::api_ms() const {
  return speed_ == 1.0 ? now_ms() : wall_ms() + skew_ms_.load();
}

std::int64_t sim_clock::wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tb::fake
