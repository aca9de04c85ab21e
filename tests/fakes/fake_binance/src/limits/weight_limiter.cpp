#include "limits/weight_limiter.hpp"

#include <algorithm>

#include "market/sim_clock.hpp"

namespace tb::fake {
namespace {

std::int64_t seconds_until(weight_limiter::clock::time_point now, weight_limiter::clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - now).count();
  return std::max<std::int64_t>(1, (ms + 999) / 1000);
}

}  // namespace

weight_limiter::weight_limiter(std::int64_t limit, std::int64_t ban_seconds)
    : limit_(limit), ban_seconds_(ban_seconds) {}

void weight_limiter::expire(ip_state& s, clock::time_point now) {
  while (!s.entries.empty() && s.entries.front().first + std::chrono::minutes(1) <= now) {
    s.sum -= s.entries.front().second;
    s.entries.pop_front();
  }
}

weight_decision weight_limiter::charge(const std::string& ip, std::int64_t weight) {
  std::lock_guard lock(mutex_);
  const auto now = clock::now();
  auto& s = ips_[ip];
  expire(s, now);
  weight_decision d;
  if (now < s.banned_until) {
    d.status = 418;
    d.used = s.sum;
    d.retry_after_s = seconds_until(now, s.banned_until);
    d.banned_until_ms = sim_clock::wall_ms() + d.retry_after_s * 1000;
    return d;
  }
  if (now < s.limited_until) {
    // Asking again while limited: ban, doubling each time, capped at three days.
    const std::int64_t seconds = std::min<std::int64_t>(ban_seconds_ << std::min(s.bans, 20), 3 * 86400);
    ++s.bans;
    s.banned_until = now + std::chrono::seconds(seconds);
    s.limited_until = {};
    d.status = 418;
    d.used = s.sum;
    d.retry_after_s = seconds;
    d.banned_until_ms = sim_clock::wall_ms() + seconds * 1000;
    return d;
  }
  if (s.sum + weight > limit_) {
    // Retry once enough of the window has expired for this request to fit.
    std::int64_t freed = limit_ - s.sum - weight;
    auto at = now + std::chrono::minutes(1);
    for (const auto& [t, w] : s.entries) {
      freed += w;
      if (freed >= 0) {
        at = t + std::chrono::minutes(1);
        break;
      }
    }
    s.limited_until = at;
    d.status = 429;
    d.used = s.sum;
    d.retry_after_s = seconds_until(now, at);
    return d;
  }
  s.entries.emplace_back(now, weight);
  s.sum += weight;
  d.used = s.sum;
  return d;
}

std::int64_t weight_limiter::used(const std::string& ip) {
  std::lock_guard lock(mutex_);
  auto& s = ips_[ip];
  expire(s, clock::now());
  return s.sum;
}

void weight_limiter::set_limit(std::int64_t limit) {
  std::lock_guard lock(mutex_);
  limit_ = limit;
}

void weight_limiter::reset() {
  std::lock_guard lock(mutex_);
  ips_.clear();
}

}  // namespace tb::fake
