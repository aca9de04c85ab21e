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
// Blocking waits go through wait_until() so that a waiter on a virtual_clock is woken when
// the virtual time moves, without any real sleep: see virtual_clock.
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

  // Blocks until `cv` is notified, monotonic_ns() reaches `deadline_ns`, or (virtual clock)
  // the time is moved. `lock` must hold the mutex that guards the caller's condition; it is
  // held again on return. Returns may be spurious: re-check the condition in a loop.
  virtual void wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                          std::int64_t deadline_ns) const = 0;
};

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
// How waiters are woken: wait_until() registers the caller's condition variable with the
// clock, then waits on it while releasing both the caller's mutex and the clock's own mutex
// atomically (through condition_variable_any with a two-mutex lock). set_*() and advance_*()
// change the time under the clock's mutex and notify every registered condition variable.
// A waiter therefore either sees the new time before it blocks or is blocked already when
// the notification comes: no wake-up is lost and tests need no sleeps.
//
// Lock order: a waiter's own mutex before the clock's mutex. The clock never takes a waiter's
// mutex, so it cannot deadlock with them.
class virtual_clock final : public clock {
 public:
  explicit virtual_clock(std::int64_t wall_ms = 1'700'000'000'000,
                         std::int64_t monotonic_ns = 1'000'000'000) noexcept;

  std::int64_t wall_ms() const noexcept override;
  std::int64_t monotonic_ns() const noexcept override;
  void wait_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                  std::int64_t deadline_ns) const override;

  // Moves both times forward by `ns` (wall time by ns / 1e6, rounded down, carried over).
  // Throws std::invalid_argument when ns is negative: monotonic time never goes back.
  void advance_ns(std::int64_t ns);
  void advance_ms(std::int64_t ms);
  // Sets wall time alone (it may go backwards, like a corrected system clock).
  void set_wall_ms(std::int64_t wall_ms);
  // Sets monotonic time alone. Throws std::invalid_argument when it would go backwards.
  void set_monotonic_ns(std::int64_t monotonic_ns);

  // Callers currently blocked in wait_until(); lets tests wait until a thread is parked.
  std::size_t waiter_count() const;

 private:
  void notify_waiters_locked() const;

  std::atomic<std::int64_t> wall_ms_;
  std::atomic<std::int64_t> monotonic_ns_;
  std::int64_t sub_ms_remainder_ns_ = 0;  // guarded by mutex_
  mutable std::mutex mutex_;
  mutable std::vector<std::condition_variable_any*> waiters_;  // guarded by mutex_
};

}  // namespace tb::host
