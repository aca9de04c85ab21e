#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/metric_handles.hpp"

namespace tb::host {

// Request priority on a bucket; values equal TB_LANE_* in tb_abi.h.
enum class lane : std::int32_t { bulk = 0, normal = 1, critical = 2 };
inline constexpr std::size_t lane_count = 3;

// Maps a lane number from outside (the C API) onto a lane: unknown values below bulk count
// as bulk, above critical as critical.
lane clamp_lane(std::int32_t value) noexcept;

// The outcome of acquiring tokens. Only `ok` grants anything.
enum class acquire_result : std::uint8_t {
  ok,
  timeout,                  // the tokens could not be had by the deadline
  paused,                   // the bucket is paused (HTTP 429/418) past the deadline, or now
  exhausted,                // try_acquire: not enough tokens now, or others queue first
  unknown_bucket,           // no bucket by that name (rate_limiter only)
  weight_exceeds_capacity,  // can never be granted in that lane; see token_bucket
};

const char* to_string(acquire_result result) noexcept;

struct bucket_config {
  std::string name;                     // "binance.ip_weight"
  std::uint64_t capacity = 0;           // tokens when full
  std::chrono::milliseconds refill_interval{0};  // capacity tokens refill evenly over it
  double critical_reserve = 0.1;        // share of capacity the bulk lane may not take
};

// Metric handles a bucket records into; default-constructed handles record nothing.
struct token_bucket_metrics {
  gauge tokens_available;
  counter acquired_weight;
  histogram wait_seconds;  // acquire() calls that were granted, including zero waits
  counter refused_timeout;
  counter refused_paused;
  counter refused_exhausted;
  counter refused_too_large;
};

// One token bucket with priority lanes. Tokens refill continuously (exact integer
// arithmetic: capacity tokens per refill_interval), never above capacity.
//
// The tokens of a bucket of `capacity` that only the critical lane may take: the
// `critical_reserve` share, rounded up.
std::uint64_t critical_reserve_tokens(std::uint64_t capacity, double critical_reserve);

// Lanes: while callers wait on the bucket, the head of the highest non-empty lane is served
// first, FIFO within a lane; no caller of a lower lane takes tokens while a higher-lane
// caller waits, and no new caller overtakes a waiter of its own lane. The bulk lane alone
// may not take the last `critical_reserve` share of the capacity (rounded up), so a
// scan never drains what protective orders need; a bulk weight above capacity minus that
// reserve can never be granted and is refused at once, like any weight above capacity.
//
// A waiter whose tokens cannot refill before its deadline is refused at once with
// `timeout` rather than blocking uselessly; the same holds for a pause past its deadline.
//
// Thread-safety: every member may be called from any thread, concurrently. try_acquire,
// report_usage and available are short critical sections with no allocation.
class token_bucket {
 public:
  // Throws std::invalid_argument, naming the bucket, for an empty name, zero capacity, a
  // non-positive interval, a reserve outside [0, 1), or a capacity*interval too large.
  token_bucket(const bucket_config& config, const clock& clk, token_bucket_metrics metrics);
  // The same checks alone, for callers that must validate before acquiring resources.
  static void validate(const bucket_config& config);
  token_bucket(const token_bucket&) = delete;
  token_bucket& operator=(const token_bucket&) = delete;

  const std::string& name() const noexcept { return name_; }
  std::uint64_t capacity() const noexcept { return capacity_; }

  // Blocks until `weight` tokens are granted or `deadline_ns` (clock monotonic time) passes.
  // A weight of 0 is granted at once.
  acquire_result acquire(std::uint32_t weight, lane l, std::int64_t deadline_ns);
  // Never waits: ok, exhausted, paused or weight_exceeds_capacity.
  acquire_result try_acquire(std::uint32_t weight, lane l) noexcept;

  // The server counts `used` of the capacity as spent in its current window: lowers the
  // available tokens to capacity - used, never raises them.
  void report_usage(std::uint64_t used) noexcept;
  // Until that wall time, acquires wait (or fail with `paused` when the pause outlasts their
  // deadline). An earlier time than a pause already in force does not shorten it.
  void pause_until(std::int64_t until_wall_ms) noexcept;
  std::int64_t paused_until_wall_ms() const noexcept;

  std::uint64_t available() const noexcept;  // whole tokens now
  std::size_t waiting() const noexcept;      // callers blocked in acquire()
  // Sets the tokens_available gauge to available(): the count refills lazily, so an idle
  // bucket's gauge would otherwise lag.
  void refresh_gauge() const noexcept;

 private:
  struct waiter {
    waiter* prev = nullptr;
    waiter* next = nullptr;
  };
  struct lane_queue {
    waiter* head = nullptr;
    waiter* tail = nullptr;
  };

  void refill_locked(std::int64_t now_ns) noexcept;
  bool too_heavy(std::uint32_t weight, lane l) const noexcept;
  std::int64_t needed_scaled(std::uint32_t weight, lane l) const noexcept;
  bool queue_ahead_locked(lane l, const waiter* me) const noexcept;
  std::int64_t pause_left_ns_locked() noexcept;
  void grant_locked(std::uint32_t weight) noexcept;
  void enqueue_locked(waiter& w, lane l) noexcept;
  void dequeue_locked(waiter& w, lane l) noexcept;
  acquire_result refuse(acquire_result why) const noexcept;

  const std::string name_;
  const std::uint64_t capacity_;
  const std::int64_t interval_ns_;
  // Tokens are kept scaled by interval_ns_, so that a refill of elapsed_ns adds exactly
  // elapsed_ns * capacity_ units and no rounding ever drifts.
  const std::int64_t full_scaled_;
  const std::int64_t reserve_scaled_;
  const clock& clock_;
  const token_bucket_metrics metrics_;

  mutable std::mutex mutex_;
  mutable std::condition_variable_any cv_;
  time_listener listener_{clock_, cv_, mutex_};  // wakes waiters when a virtual clock moves
  std::int64_t scaled_;            // guarded by mutex_
  std::int64_t last_refill_ns_;    // guarded by mutex_
  std::int64_t paused_until_ms_ = 0;  // guarded by mutex_; 0: not paused
  lane_queue queues_[lane_count];  // guarded by mutex_
  std::size_t waiting_ = 0;        // guarded by mutex_
};

}  // namespace tb::host
