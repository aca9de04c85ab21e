#include "core/clock.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

namespace tb::host {

time_listener::time_listener(const clock& clk, std::condition_variable_any& cv,
                             std::mutex& mutex)
    : clock_(clk), cv_(cv) {
  clock_.add_listener(cv, mutex);
}

time_listener::~time_listener() { clock_.remove_listener(cv_); }

void sleep_until(const clock& clk, std::int64_t deadline_ns) {
  std::mutex mutex;
  std::condition_variable_any cv;
  time_listener listener(clk, cv, mutex);
  std::unique_lock lock(mutex);
  while (clk.monotonic_ns() < deadline_ns) clk.wait_until(cv, lock, deadline_ns);
}

std::int64_t real_clock::wall_ms() const noexcept {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t real_clock::monotonic_ns() const noexcept {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

std::int64_t real_clock::coarse_monotonic_ns() const noexcept {
  // steady_clock is CLOCK_MONOTONIC on Linux; the coarse variant shares its time base.
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void real_clock::wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                            std::int64_t deadline_ns) const {
  // monotonic_ns() is steady_clock's epoch count, so the deadline converts back exactly.
  const std::chrono::steady_clock::time_point when{std::chrono::nanoseconds(deadline_ns)};
  cv.wait_until(lock, when);
}

virtual_clock::virtual_clock(std::int64_t wall_ms, std::int64_t monotonic_ns) noexcept
    : wall_ms_(wall_ms), monotonic_ns_(monotonic_ns) {}

std::int64_t virtual_clock::wall_ms() const noexcept {
  return wall_ms_.load(std::memory_order_acquire);
}

std::int64_t virtual_clock::monotonic_ns() const noexcept {
  return monotonic_ns_.load(std::memory_order_acquire);
}

void virtual_clock::wait_until(std::condition_variable_any& cv,
                               std::unique_lock<std::mutex>& lock,
                               std::int64_t deadline_ns) const {
  if (monotonic_ns() >= deadline_ns) return;
  parked_.fetch_add(1, std::memory_order_acq_rel);
  cv.wait(lock);
  parked_.fetch_sub(1, std::memory_order_acq_rel);
}

void virtual_clock::add_listener(std::condition_variable_any& cv, std::mutex& mutex) const {
  std::lock_guard<std::mutex> guard(listeners_mutex_);
  listeners_.push_back(listener{&cv, &mutex});
}

void virtual_clock::remove_listener(std::condition_variable_any& cv) const {
  // Holding the list lock also waits out a notify_listeners() that is using this entry.
  std::lock_guard<std::mutex> guard(listeners_mutex_);
  const auto it = std::find_if(listeners_.begin(), listeners_.end(),
                               [&](const listener& l) { return l.cv == &cv; });
  if (it != listeners_.end()) listeners_.erase(it);
}

void virtual_clock::notify_listeners() const {
  std::lock_guard<std::mutex> guard(listeners_mutex_);
  for (const listener& l : listeners_) {
    // Taking the waiter's mutex orders this after any waiter that read the old time has
    // begun to wait; see the class comment.
    { std::lock_guard<std::mutex> waiter(*l.mutex); }
    l.cv->notify_all();
  }
}

void virtual_clock::advance_ns(std::int64_t ns) {
  if (ns < 0) {
    throw std::invalid_argument("virtual_clock::advance_ns: negative step " +
                                std::to_string(ns) + " ns; monotonic time cannot go back");
  }
  {
    std::lock_guard<std::mutex> guard(time_mutex_);
    const std::int64_t carried = sub_ms_remainder_ns_ + ns;
    sub_ms_remainder_ns_ = carried % 1'000'000;
    wall_ms_.fetch_add(carried / 1'000'000, std::memory_order_acq_rel);
    monotonic_ns_.fetch_add(ns, std::memory_order_acq_rel);
  }
  notify_listeners();
}

void virtual_clock::advance_ms(std::int64_t ms) { advance_ns(ms * 1'000'000); }

void virtual_clock::set_wall_ms(std::int64_t wall_ms) {
  {
    std::lock_guard<std::mutex> guard(time_mutex_);
    wall_ms_.store(wall_ms, std::memory_order_release);
    sub_ms_remainder_ns_ = 0;
  }
  notify_listeners();
}

void virtual_clock::set_monotonic_ns(std::int64_t monotonic_ns) {
  {
    std::lock_guard<std::mutex> guard(time_mutex_);
    const std::int64_t now = monotonic_ns_.load(std::memory_order_acquire);
    if (monotonic_ns < now) {
      throw std::invalid_argument("virtual_clock::set_monotonic_ns: " +
                                  std::to_string(monotonic_ns) + " is before the current " +
                                  std::to_string(now) + "; monotonic time cannot go back");
    }
    monotonic_ns_.store(monotonic_ns, std::memory_order_release);
  }
  notify_listeners();
}

std::size_t virtual_clock::waiter_count() const noexcept {
  return parked_.load(std::memory_order_acquire);
}

}  // namespace tb::host
