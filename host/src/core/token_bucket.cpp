#include "core/token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace tb::host {

lane clamp_lane(std::int32_t value) noexcept {
  if (value <= static_cast<std::int32_t>(lane::bulk)) return lane::bulk;
  if (value >= static_cast<std::int32_t>(lane::critical)) return lane::critical;
  return static_cast<lane>(value);
}

const char* to_string(acquire_result result) noexcept {
  switch (result) {
    case acquire_result::ok: return "ok";
    case acquire_result::timeout: return "timeout";
    case acquire_result::paused: return "paused";
    case acquire_result::exhausted: return "exhausted";
    case acquire_result::unknown_bucket: return "unknown_bucket";
    case acquire_result::weight_exceeds_capacity: return "weight_exceeds_capacity";
  }
  return "unknown";
}

void token_bucket::validate(const bucket_config& c) {
  const std::string where = "rate limiter bucket '" + c.name + "': ";
  if (c.name.empty()) throw std::invalid_argument("rate limiter bucket: the name is empty");
  if (c.capacity == 0) throw std::invalid_argument(where + "capacity must be at least 1");
  const auto interval_ns = std::chrono::nanoseconds(c.refill_interval).count();
  if (interval_ns <= 0) {
    throw std::invalid_argument(where + "refill interval must be positive");
  }
  // Scaled token counts must fit in int64 with room for one refill step on top.
  if (c.capacity > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / 4 /
                                              interval_ns)) {
    throw std::invalid_argument(where + "capacity times refill interval is too large; "
                                "use a shorter interval or a smaller capacity");
  }
  if (!(c.critical_reserve >= 0.0 && c.critical_reserve < 1.0)) {
    throw std::invalid_argument(where + "critical_reserve must be in [0, 1), got " +
                                std::to_string(c.critical_reserve));
  }
}

namespace {

const bucket_config& validated(const bucket_config& c) {
  token_bucket::validate(c);
  return c;
}

}  // namespace

std::uint64_t critical_reserve_tokens(std::uint64_t capacity, double critical_reserve) {
  // The epsilon keeps 0.1 * 2400 at 240 rather than 241 after floating-point rounding.
  return static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(capacity) * critical_reserve - 1e-9));
}

token_bucket::token_bucket(const bucket_config& config, const clock& clk,
                           token_bucket_metrics metrics)
    : name_(validated(config).name),
      capacity_(config.capacity),
      interval_ns_(std::chrono::nanoseconds(config.refill_interval).count()),
      full_scaled_(static_cast<std::int64_t>(capacity_) * interval_ns_),
      reserve_scaled_(static_cast<std::int64_t>(
                          critical_reserve_tokens(config.capacity, config.critical_reserve)) *
                      interval_ns_),
      clock_(clk),
      metrics_(std::move(metrics)),
      scaled_(full_scaled_),
      last_refill_ns_(clk.monotonic_ns()) {
  metrics_.tokens_available.set(static_cast<double>(capacity_));
}

void token_bucket::refill_locked(std::int64_t now_ns) noexcept {
  const std::int64_t elapsed = now_ns - last_refill_ns_;
  if (elapsed <= 0) return;
  last_refill_ns_ = now_ns;
  if (elapsed >= interval_ns_) {
    scaled_ = full_scaled_;
    return;
  }
  scaled_ += elapsed * static_cast<std::int64_t>(capacity_);
  if (scaled_ > full_scaled_) scaled_ = full_scaled_;
}

bool token_bucket::too_heavy(std::uint32_t weight, lane l) const noexcept {
  return needed_scaled(weight, l) > full_scaled_;
}

std::int64_t token_bucket::needed_scaled(std::uint32_t weight, lane l) const noexcept {
  const std::int64_t base = static_cast<std::int64_t>(weight) * interval_ns_;
  return l == lane::bulk ? base + reserve_scaled_ : base;
}

// True when someone must be served before `me` (null: a caller not yet queued).
bool token_bucket::queue_ahead_locked(lane l, const waiter* me) const noexcept {
  const auto mine = static_cast<std::size_t>(l);
  for (std::size_t higher = mine + 1; higher < lane_count; ++higher) {
    if (queues_[higher].head != nullptr) return true;
  }
  const waiter* head = queues_[mine].head;
  return me == nullptr ? head != nullptr : head != me;
}

// Nanoseconds of monotonic time until the pause ends; 0 when not paused.
std::int64_t token_bucket::pause_left_ns_locked() noexcept {
  if (paused_until_ms_ == 0) return 0;
  const std::int64_t left_ms = paused_until_ms_ - clock_.wall_ms();
  if (left_ms <= 0) {
    paused_until_ms_ = 0;
    return 0;
  }
  return left_ms * 1'000'000;
}

void token_bucket::grant_locked(std::uint32_t weight) noexcept {
  scaled_ -= static_cast<std::int64_t>(weight) * interval_ns_;
  metrics_.acquired_weight.add(weight);
  metrics_.tokens_available.set(static_cast<double>(scaled_ / interval_ns_));
}

void token_bucket::enqueue_locked(waiter& w, lane l) noexcept {
  lane_queue& q = queues_[static_cast<std::size_t>(l)];
  w.prev = q.tail;
  w.next = nullptr;
  (q.tail != nullptr ? q.tail->next : q.head) = &w;
  q.tail = &w;
  ++waiting_;
}

void token_bucket::dequeue_locked(waiter& w, lane l) noexcept {
  lane_queue& q = queues_[static_cast<std::size_t>(l)];
  (w.prev != nullptr ? w.prev->next : q.head) = w.next;
  (w.next != nullptr ? w.next->prev : q.tail) = w.prev;
  --waiting_;
  // The queue's front may have changed: let every waiter re-check whose turn it is.
  cv_.notify_all();
}

acquire_result token_bucket::refuse(acquire_result why) const noexcept {
  switch (why) {
    case acquire_result::timeout: metrics_.refused_timeout.add(); break;
    case acquire_result::paused: metrics_.refused_paused.add(); break;
    case acquire_result::exhausted: metrics_.refused_exhausted.add(); break;
    case acquire_result::weight_exceeds_capacity: metrics_.refused_too_large.add(); break;
    default: break;
  }
  return why;
}

acquire_result token_bucket::try_acquire(std::uint32_t weight, lane l) noexcept {
  if (weight == 0) return acquire_result::ok;
  if (too_heavy(weight, l)) return refuse(acquire_result::weight_exceeds_capacity);
  std::lock_guard<std::mutex> guard(mutex_);
  if (pause_left_ns_locked() > 0) return refuse(acquire_result::paused);
  if (queue_ahead_locked(l, nullptr)) return refuse(acquire_result::exhausted);
  refill_locked(clock_.monotonic_ns());
  if (scaled_ < needed_scaled(weight, l)) return refuse(acquire_result::exhausted);
  grant_locked(weight);
  return acquire_result::ok;
}

acquire_result token_bucket::acquire(std::uint32_t weight, lane l, std::int64_t deadline_ns) {
  if (weight == 0) return acquire_result::ok;
  if (too_heavy(weight, l)) return refuse(acquire_result::weight_exceeds_capacity);
  std::unique_lock<std::mutex> lock(mutex_);
  const std::int64_t started = clock_.monotonic_ns();
  std::int64_t now = started;
  waiter me;
  bool queued = false;
  const auto finish = [&](acquire_result r) {
    if (queued) dequeue_locked(me, l);
    return r == acquire_result::ok ? r : refuse(r);
  };
  for (;; now = clock_.monotonic_ns()) {
    refill_locked(now);
    std::int64_t wake_at = deadline_ns;
    if (const std::int64_t pause_ns = pause_left_ns_locked(); pause_ns > 0) {
      if (now + pause_ns > deadline_ns) return finish(acquire_result::paused);
      wake_at = now + pause_ns;
    } else {
      const std::int64_t deficit = needed_scaled(weight, l) - scaled_;
      const bool my_turn = !queue_ahead_locked(l, queued ? &me : nullptr);
      if (my_turn && deficit <= 0) {
        grant_locked(weight);
        metrics_.wait_seconds.observe(static_cast<double>(now - started) * 1e-9);
        return finish(acquire_result::ok);
      }
      // Refill is the only thing that adds tokens, so this is the earliest possible grant.
      const std::int64_t refill_ns =
          deficit <= 0 ? 0
                       : (deficit + static_cast<std::int64_t>(capacity_) - 1) /
                             static_cast<std::int64_t>(capacity_);
      if (now + refill_ns > deadline_ns || now >= deadline_ns) {
        return finish(acquire_result::timeout);
      }
      if (my_turn) wake_at = now + refill_ns;
    }
    if (!queued) {
      enqueue_locked(me, l);
      queued = true;
    }
    clock_.wait_until(cv_, lock, wake_at);
  }
}

void token_bucket::report_usage(std::uint64_t used) noexcept {
  std::lock_guard<std::mutex> guard(mutex_);
  refill_locked(clock_.monotonic_ns());
  const std::uint64_t left = used >= capacity_ ? 0 : capacity_ - used;
  const std::int64_t ceiling = static_cast<std::int64_t>(left) * interval_ns_;
  if (scaled_ > ceiling) scaled_ = ceiling;
  metrics_.tokens_available.set(static_cast<double>(scaled_ / interval_ns_));
}

void token_bucket::pause_until(std::int64_t until_wall_ms) noexcept {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    if (until_wall_ms <= paused_until_ms_ || until_wall_ms <= clock_.wall_ms()) return;
    paused_until_ms_ = until_wall_ms;
  }
  // Waiters whose deadline comes before the pause ends can give up now.
  cv_.notify_all();
}

std::int64_t token_bucket::paused_until_wall_ms() const noexcept {
  std::lock_guard<std::mutex> guard(mutex_);
  return paused_until_ms_ > clock_.wall_ms() ? paused_until_ms_ : 0;
}

std::uint64_t token_bucket::available() const noexcept {
  std::lock_guard<std::mutex> guard(mutex_);
  const std::int64_t elapsed = clock_.monotonic_ns() - last_refill_ns_;
  std::int64_t scaled = scaled_;
  if (elapsed >= interval_ns_) {
    scaled = full_scaled_;
  } else if (elapsed > 0) {
    scaled = std::min(full_scaled_, scaled + elapsed * static_cast<std::int64_t>(capacity_));
  }
  return static_cast<std::uint64_t>(scaled / interval_ns_);
}

void token_bucket::refresh_gauge() const noexcept {
  metrics_.tokens_available.set(static_cast<double>(available()));
}

std::size_t token_bucket::waiting() const noexcept {
  std::lock_guard<std::mutex> guard(mutex_);
  return waiting_;
}

}  // namespace tb::host
