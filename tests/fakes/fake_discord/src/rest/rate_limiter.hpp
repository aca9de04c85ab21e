#pragma once
// Discord-style REST rate limits: fixed-window per-route buckets keyed by method + route +
// top-level id, and a per-token global limit. Also builds the X-RateLimit-* headers and the
// 429 answers.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "rest/rest_types.hpp"

namespace tb::fake_discord {

struct route_limit {
  std::string route;  // method + route template, e.g. "POST /channels/{channel_id}/messages"
  std::string major;  // the top-level id (channel, guild, webhook id + token)
  std::int64_t limit = 0;
  std::int64_t window_ms = 0;
};

struct bucket_state {
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_after_ms = 0;
  std::string bucket;  // opaque hash shared by every major id of one route
};

class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;

  // Counts one request against the global limit of `key`; the seconds to wait when over.
  std::optional<double> take_global(const std::string& key, std::int64_t per_second);
  // Counts one request against its bucket; `allowed` is false (and nothing counted) when empty.
  struct route_decision {
    bool allowed = true;
    bucket_state state;
  };
  route_decision take_route(const route_limit& r);

 private:
  struct window {
    clock::time_point start{};
    std::int64_t count = 0;
  };
  std::mutex mutex_;
  std::map<std::string, window> global_;
  std::map<std::string, window> routes_;
};

std::string bucket_hash(const std::string& route);
void add_rate_limit_headers(rest_response& r, const bucket_state& s);
// 429 for a per-route (scope user) or global limit; `state` adds the per-route headers.
rest_response too_many_requests(double retry_after_s, bool global, const std::optional<bucket_state>& state);

}  // namespace tb::fake_discord
