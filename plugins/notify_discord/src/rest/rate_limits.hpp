// Discord REST rate-limit bookkeeping (no I/O; the caller passes the time): per-route buckets
// learned from the X-RateLimit-* headers, a global gate (at most 50 requests in any sliding
// second by default, so no fixed window on the server side can see more),
// and a global lock after a 429 with X-RateLimit-Global. Interaction routes bypass the global
// gate and lock, as Discord does not count them. Thread-safe: every method locks.
//
// Use: `reserve()` before each request (send when it answers zero, otherwise wait that long
// and ask again), then `on_response()` with what came back.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "plugin_net/http_client.hpp"

namespace tb::discord {

// What a response says about rate limits (headers and, on a 429, the body).
struct rate_limit_info {
  std::optional<std::string> bucket;      // X-RateLimit-Bucket
  std::optional<std::int64_t> limit;      // X-RateLimit-Limit
  std::optional<std::int64_t> remaining;  // X-RateLimit-Remaining
  std::optional<double> reset_after_s;    // X-RateLimit-Reset-After
  std::optional<double> retry_after_s;    // 429: body retry_after, else Retry-After
  bool global = false;                    // 429: X-RateLimit-Global or "global": true
  std::string scope;                      // 429: X-RateLimit-Scope (user, global, shared)
};

// Reads the headers of `response`, and the JSON body of a 429.
rate_limit_info parse_rate_limit(const net::http_response& response);

// "POST /channels/123/messages" for ("POST", "/channels/123/messages/456?x=1") → the major
// parameter (channel id, guild id, webhook id and token) kept, other numeric ids as ":id",
// the query dropped. Holds a webhook token: never log it.
std::string route_key(std::string_view method, std::string_view route);

// /interactions/... callbacks, and /webhooks/{application_id}/{interaction token}... follow-ups
// (the application id when known, or a token that reads "interaction:" in base64).
bool is_interaction_route(std::string_view route, std::string_view application_id = {});

class rate_limits {
 public:
  using clock = std::chrono::steady_clock;

  struct options {
    double global_per_second = 50;
    // Added to every reset, so a bucket is not retried a moment before the server resets it.
    std::chrono::milliseconds reset_margin{50};
    std::string application_id;  // marks webhook follow-ups of interactions
  };

  rate_limits();
  explicit rate_limits(options settings);

  // How long to wait before sending on `route` at `now`; zero when it may go now. Changes
  // nothing.
  clock::duration wait_before(std::string_view method, std::string_view route,
                              clock::time_point now) const;
  // As wait_before, but when the answer is zero it also takes a slot (a global token and one
  // of the bucket's known remaining requests), so concurrent callers cannot overdraw.
  clock::duration reserve(std::string_view method, std::string_view route, clock::time_point now);

  // Records a response that arrived at `now`. Returns, for a 429, how long to wait before
  // retrying (retry_after, at least the bucket or global reset), else zero.
  clock::duration on_response(std::string_view method, std::string_view route,
                              clock::time_point now, unsigned status, const rate_limit_info& info);

  // Until when every non-interaction request is held by a global 429 (epoch when none).
  clock::time_point global_locked_until() const;

 private:
  struct bucket_state {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;  // unknown until a response says
    clock::time_point reset_at{};
    clock::duration window{};  // the longest reset_after seen: a guess at the window
  };

  // The state's key: the server's bucket hash (once known) plus the major parameter.
  std::string state_key(std::string_view method, std::string_view route) const;
  clock::duration wait_locked(const std::string& state, bool interaction,
                              clock::time_point now) const;
  std::size_t global_sent_within(clock::time_point now) const;
  clock::duration global_window() const;  // one second plus the reset margin

  options options_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> hash_of_route_;  // route_key → X-RateLimit-Bucket
  std::map<std::string, bucket_state> buckets_;       // state_key → state
  std::size_t global_limit_;
  std::deque<clock::time_point> global_sent_;  // send times within the last window, oldest first
  clock::time_point global_locked_until_{};
};

}  // namespace tb::discord
