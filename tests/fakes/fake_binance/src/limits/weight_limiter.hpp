#pragma once
// Per-IP request weight over a rolling minute, with Binance's escalation: over the limit gives
// 429 and a Retry-After; asking again while limited gives a 418 ban whose length doubles on each
// new ban (from `ban_seconds` up to 3 days). Uses real (steady) time, not the simulated clock.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace tb::fake {

struct weight_decision {
  int status = 200;              // 200, 429 or 418
  std::int64_t used = 0;         // X-MBX-USED-WEIGHT-1M after this request
  std::int64_t retry_after_s = 0;
  std::int64_t banned_until_ms = 0;  // wall-clock ms, for the 418 message
};

class weight_limiter {
 public:
  using clock = std::chrono::steady_clock;

  weight_limiter(std::int64_t limit, std::int64_t ban_seconds);

  weight_decision charge(const std::string& ip, std::int64_t weight);
  std::int64_t used(const std::string& ip);
  std::int64_t limit() const { return limit_; }
  void set_limit(std::int64_t limit);
  void reset();

 private:
  struct ip_state {
    std::deque<std::pair<clock::time_point, std::int64_t>> entries;
    std::int64_t sum = 0;
    clock::time_point limited_until{};
    clock::time_point banned_until{};
    int bans = 0;
  };
  void expire(ip_state& s, clock::time_point now);

  std::mutex mutex_;
  std::int64_t limit_;
  std::int64_t ban_seconds_;
  std::map<std::string, ip_state> ips_;
};

}  // namespace tb::fake
