#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace tb::host {

// The source of time for every core service, injectable so that tests and backtests are
// deterministic.
//
// Two times are kept apart on purpose: wall_ms() is UTC epoch milliseconds (it may jump when
// the system clock is corrected; use it for timestamps and exchange-given instants such as a
// Retry-After), monotonic_ns() never goes backwards (use it for deadlines and durations).
//
// Blocking waits go through wait_until(), and whoever blocks registers its condition
// variable with a time_listener, so that a waiter on a virtual_clock is woken when the
// virtual time moves, without any real sleep. See virtual_clock for how.
//
// Thread-safety: every member function may be called from any thread, concurrently.
class clock {
 public:
  virtual ~clock() = default;

  virtual std::int64_t wall_ms() const noexcept = 0;
  virtual std::int64_t monotonic_ns() const noexcept = 0;
  // The monotonic time on the same time base, at a coarser resolution (a few milliseconds
  // on Linux) but several times cheaper to read: for TTLs and other checks on hot paths
  // that need no precision. Never ahead of monotonic_ns().
  virtual std::int64_t coarse_monotonic_ns() const noexcept { return monotonic_ns(); }

  // Blocks until `cv` is notified or monotonic_ns() reaches `deadline_ns`. `lock` holds the
  // mutex that guards the caller's condition (including its reading of the time); it is
  // held again on return. Returns may be spurious: re-check the condition in a loop.
  // On a virtual clock, time moves only by set/advance, which wake `cv` only while it is
  // registered through a time_listener.
  virtual void wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                          std::int64_t deadline_ns) const = 0;

 protected:
  friend class time_listener;
  // Real time moves by itself and timed waits see it, so the default ignores listeners.
  virtual void add_listener(std::condition_variable_any& /*cv*/, std::mutex& /*mutex*/) const {}
  virtual void remove_listener(std::condition_variable_any& /*cv*/) const {}
};

// Registers a condition variable, and the mutex its waiters hold while they read the time
// and decide to wait, with a clock for the listener's lifetime. Declare it after the
// condition variable and the mutex, so that it is destroyed before them; do not destroy it
// while holding that mutex.
class time_listener {
 public:
  time_listener(const clock& clk, std::condition_variable_any& cv, std::mutex& mutex);
  ~time_listener();
  time_listener(const time_listener&) = delete;
  time_listener& operator=(const time_listener&) = delete;

 private:
  const clock& clock_;
  std::condition_variable_any& cv_;
};

// Blocks until clk.monotonic_ns() reaches deadline_ns; on a virtual clock, until the time is
// moved there.
void sleep_until(const clock& clk, std::int64_t deadline_ns);

// The system clocks: std::chrono::system_clock for wall time, steady_clock for monotonic time.
class real_clock final : public clock {
 public:
  std::int64_t wall_ms() const noexcept override;
  std::int64_t monotonic_ns() const noexcept override;
  std::int64_t coarse_monotonic_ns() const noexcept override;  // CLOCK_MONOTONIC_COARSE
  void wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                  std::int64_t deadline_ns) const override;
};

// A clock that moves only when told to. Both times start where the constructor puts them.
//
// How waiters are woken: wait_until() does not time out by itself (virtual time does not
// pass while a thread sleeps); it waits on the condition variable. Every set_*() and
// advance_*() changes the time, then, for each registered time_listener, locks the
// listener's mutex and notifies its condition variable. A waiter reads the time and starts
// waiting while holding that mutex, so the clock's lock on it falls either before the
// waiter read the time (it then sees the new time) or after it began to wait (it is then
// notified): no wake-up is lost, and tests need no sleeps.
//
// Lock order: the clock's listener list, then a listener's mutex. A thread holding a
// listener's mutex must not move the clock.
class virtual_clock final : public clock {
 public:
  explicit virtual_clock(std::int64_t wall_ms = 1'700'000'000'000,
                         std::int64_t monotonic_ns = 1'000'000'000) noexcept;

  std::int64_t wall_ms() const noexcept override;
  std::int64_t monotonic_ns() const noexcept override;
  void wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                  std::int64_t deadline_ns) const override;

  // Moves both times forward by `ns` (wall time by whole milliseconds, the remainder carried
  // over). Throws std::invalid_argument when ns is negative: monotonic time never goes back.
  void advance_ns(std::int64_t ns);
  void advance_ms(std::int64_t ms);
  // Sets wall time alone (it may go backwards, like a corrected system clock).
  void set_wall_ms(std::int64_t wall_ms);
  // Sets monotonic time alone. Throws std::invalid_argument when it would go backwards.
  void set_monotonic_ns(std::int64_t monotonic_ns);

  // Callers currently blocked in wait_until(); lets tests wait until a thread is parked.
  std::size_t waiter_count() const noexcept;

 protected:
  void add_listener(std::condition_variable_any& cv, std::mutex& mutex) const override;
  void remove_listener(std::condition_variable_any& cv) const override;

 private:
  struct listener {
    std::condition_variable_any* cv;
    std::mutex* mutex;
  };

  void notify_listeners() const;

  std::atomic<std::int64_t> wall_ms_;
  std::atomic<std::int64_t> monotonic_ns_;
  std::mutex time_mutex_;               // serializes writers of the two times
  std::int64_t sub_ms_remainder_ns_ = 0;  // guarded by time_mutex_
  mutable std::mutex listeners_mutex_;
  mutable std::vector<listener> listeners_;  // guarded by listeners_mutex_
  mutable std::atomic<std::size_t> parked_{0};
};

}  // namespace tb::host
