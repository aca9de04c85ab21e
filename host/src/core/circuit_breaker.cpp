#include "core/circuit_breaker.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace tb::host {

const char* to_string(breaker_state state) noexcept {
  switch (state) {
    case breaker_state::closed: return "closed";
    case breaker_state::open: return "open";
    case breaker_state::half_open: return "half_open";
  }
  return "unknown";
}

void circuit_breaker::validate(const breaker_config& c, const std::string& name) {
  const std::string where = "circuit breaker '" + name + "': ";
  if (c.window_size == 0) throw std::invalid_argument(where + "window_size must be at least 1");
  if (c.minimum_calls == 0 || c.minimum_calls > c.window_size) {
    throw std::invalid_argument(where + "minimum_calls must be between 1 and window_size (" +
                                std::to_string(c.window_size) + ")");
  }
  if (!(c.failure_rate > 0.0)) {
    throw std::invalid_argument(where + "failure_rate must be positive (above 1 disables it)");
  }
  if (c.cooldown.count() < 0) throw std::invalid_argument(where + "cooldown is negative");
  if (c.half_open_max_probes == 0) {
    throw std::invalid_argument(where + "half_open_max_probes must be at least 1");
  }
  if (c.probe_successes_to_close == 0) {
    throw std::invalid_argument(where + "probe_successes_to_close must be at least 1");
  }
}

namespace {

const breaker_config& validated(const breaker_config& c, const std::string& name) {
  circuit_breaker::validate(c, name);
  return c;
}

}  // namespace

circuit_breaker::circuit_breaker(std::string name, const breaker_config& config,
                                 const clock& clk, observer on_transition)
    : name_(std::move(name)),
      config_(validated(config, name_)),
      cooldown_ns_(std::chrono::nanoseconds(config.cooldown).count()),
      clock_(clk),
      observer_(std::move(on_transition)),
      window_(config.window_size, 0) {}

void circuit_breaker::notify() {
  outbox_.drain([this](const breaker_transition& t) {
    if (!observer_) return;
    try {
      observer_(t);
    } catch (const std::exception& e) {
      spdlog::error("circuit breaker '{}': transition observer threw: {}", name_, e.what());
    } catch (...) {
      spdlog::error("circuit breaker '{}': transition observer threw", name_);
    }
  });
}

void circuit_breaker::transition_locked(breaker_state to, std::string reason) {
  const breaker_state from = state_;
  state_ = to;
  ++transitions_;
  std::fill(window_.begin(), window_.end(), 0);
  window_next_ = window_calls_ = window_failures_ = 0;
  consecutive_failures_ = 0;
  probes_in_flight_ = probe_successes_ = 0;
  if (to == breaker_state::open) opened_at_ns_ = clock_.monotonic_ns();
  outbox_.push(breaker_transition{name_, from, to, std::move(reason), clock_.wall_ms()});
}

void circuit_breaker::open_if_cooled_down_locked() {
  if (state_ == breaker_state::open && clock_.monotonic_ns() - opened_at_ns_ >= cooldown_ns_) {
    transition_locked(breaker_state::half_open, "cooldown elapsed");
  }
}

bool circuit_breaker::allow() {
  bool allowed = false;
  bool changed = false;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    const std::uint64_t before = transitions_;
    open_if_cooled_down_locked();
    switch (state_) {
      case breaker_state::closed: allowed = true; break;
      case breaker_state::open: allowed = false; break;
      case breaker_state::half_open:
        allowed = probes_in_flight_ < config_.half_open_max_probes;
        if (allowed) ++probes_in_flight_;
        break;
    }
    changed = transitions_ != before;
  }
  if (changed) notify();
  return allowed;
}

void circuit_breaker::record_closed_locked(bool success) {
  const std::uint8_t failed = success ? 0 : 1;
  if (window_calls_ == window_.size()) {
    window_failures_ -= window_[window_next_];
  } else {
    ++window_calls_;
  }
  window_[window_next_] = failed;
  window_failures_ += failed;
  window_next_ = (window_next_ + 1) % window_.size();
  consecutive_failures_ = success ? 0 : consecutive_failures_ + 1;

  if (config_.consecutive_failures > 0 && consecutive_failures_ >= config_.consecutive_failures) {
    transition_locked(breaker_state::open,
                      std::to_string(consecutive_failures_) + " consecutive failures");
    return;
  }
  const double rate = static_cast<double>(window_failures_) / static_cast<double>(window_calls_);
  if (window_calls_ >= config_.minimum_calls && rate >= config_.failure_rate) {
    transition_locked(breaker_state::open,
                      std::to_string(window_failures_) + " of the last " +
                          std::to_string(window_calls_) + " calls failed");
  }
}

void circuit_breaker::report(bool success) {
  bool changed = false;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    const std::uint64_t before = transitions_;
    switch (state_) {
      case breaker_state::closed: record_closed_locked(success); break;
      case breaker_state::open: break;
      case breaker_state::half_open:
        if (probes_in_flight_ > 0) --probes_in_flight_;
        if (!success) {
          transition_locked(breaker_state::open, "a probe call failed");
        } else if (++probe_successes_ >= config_.probe_successes_to_close) {
          transition_locked(breaker_state::closed,
                            std::to_string(probe_successes_) + " probe calls succeeded");
        }
        break;
    }
    changed = transitions_ != before;
  }
  if (changed) notify();
}

breaker_state circuit_breaker::state() {
  breaker_state now;
  bool changed = false;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    const std::uint64_t before = transitions_;
    open_if_cooled_down_locked();
    now = state_;
    changed = transitions_ != before;
  }
  if (changed) notify();
  return now;
}

}  // namespace tb::host
