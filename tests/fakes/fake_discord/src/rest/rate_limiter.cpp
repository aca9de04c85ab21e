#include "rest/rate_limiter.hpp"

#include <cmath>
#include <cstdio>

#include "util/time_format.hpp"

namespace tb::fake_discord {

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::int64_t ms_between(rate_limiter::clock::time_point a, rate_limiter::clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

}  // namespace

std::optional<double> rate_limiter::take_global(const std::string& key, std::int64_t per_second) {
  const auto now = clock::now();
  std::lock_guard lock(mutex_);
  auto& w = global_[key];
  if (w.count == 0 || ms_between(w.start, now) >= 1000) w = {now, 0};
  if (w.count >= per_second) return std::max<std::int64_t>(1, 1000 - ms_between(w.start, now)) / 1000.0;
  ++w.count;
  return std::nullopt;
}

rate_limiter::route_decision rate_limiter::take_route(const route_limit& r) {
  const auto now = clock::now();
  std::lock_guard lock(mutex_);
  auto& w = routes_[r.route + " " + r.major];
  if (w.count == 0 || ms_between(w.start, now) >= r.window_ms) w = {now, 0};
  route_decision d;
  d.allowed = w.count < r.limit;
  if (d.allowed) ++w.count;
  d.state.limit = r.limit;
  d.state.remaining = r.limit - w.count;
  d.state.reset_after_ms = std::max<std::int64_t>(1, r.window_ms - ms_between(w.start, now));
  d.state.bucket = bucket_hash(r.route);
  return d;
}

std::string bucket_hash(const std::string& route) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across runs, unlike std::hash
  for (const char c : route) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void add_rate_limit_headers(rest_response& r, const bucket_state& s) {
  const double reset_after = static_cast<double>(s.reset_after_ms) / 1000.0;
  const double reset_at = static_cast<double>(wall_ms() + s.reset_after_ms) / 1000.0;
  r.headers.emplace_back("X-RateLimit-Limit", std::to_string(s.limit));
  r.headers.emplace_back("X-RateLimit-Remaining", std::to_string(s.remaining));
  r.headers.emplace_back("X-RateLimit-Reset", seconds_text(reset_at));
  r.headers.emplace_back("X-RateLimit-Reset-After", seconds_text(reset_after));
  r.headers.emplace_back("X-RateLimit-Bucket", s.bucket);
}

rest_response too_many_requests(double retry_after_s, bool global, const std::optional<bucket_state>& state) {
  // Round to ms like Discord; Retry-After is whole seconds, rounded up so it is never too short.
  retry_after_s = std::round(retry_after_s * 1000.0) / 1000.0;
  rest_response r = json_response(429, {{"message", "You are being rate limited."},
                                        {"retry_after", retry_after_s},
                                        {"global", global}});
  if (state) add_rate_limit_headers(r, *state);
  r.headers.emplace_back("Retry-After", std::to_string(static_cast<std::int64_t>(std::ceil(retry_after_s))));
  if (global) r.headers.emplace_back("X-RateLimit-Global", "true");
  r.headers.emplace_back("X-RateLimit-Scope", global ? "global" : "user");
  return r;
}

}  // namespace tb::fake_discord
