#include "rest/rate_limits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::discord {
namespace {

using clock = rate_limits::clock;

std::optional<std::int64_t> header_int(const net::http_response& response, std::string_view name) {
  const std::string_view text = response.header(name);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc()) return std::nullopt;
  static_cast<void>(end);
  return value;
}

std::optional<double> header_seconds(const net::http_response& response, std::string_view name) {
  const std::string text(response.header(name));
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

bool is_true(std::string_view text) {
  return text == "true" || text == "True" || text == "1";
}

std::vector<std::string_view> split_path(std::string_view route) {
  route = route.substr(0, route.find('?'));
  std::vector<std::string_view> parts;
  while (!route.empty()) {
    if (route.front() == '/') {
      route.remove_prefix(1);
      continue;
    }
    const std::size_t slash = route.find('/');
    parts.push_back(route.substr(0, slash));
    route = slash == std::string_view::npos ? std::string_view() : route.substr(slash);
  }
  return parts;
}

bool is_id(std::string_view part) {
  return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct parsed_route {
  std::string key;    // method + template with the major parameter
  std::string major;  // "channels/1", "webhooks/2/token", or empty
};

parsed_route parse_route(std::string_view method, std::string_view route) {
  const std::vector<std::string_view> parts = split_path(route);
  std::size_t major_parts = 0;
  if (!parts.empty() && (parts[0] == "channels" || parts[0] == "guilds") && parts.size() > 1) {
    major_parts = 2;
  } else if (!parts.empty() && parts[0] == "webhooks" && parts.size() > 1) {
    major_parts = parts.size() > 2 ? 3 : 2;
  }
  parsed_route out;
  out.key.assign(method);
  out.key += ' ';
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out.key += '/';
    const bool keep = i < major_parts || !is_id(parts[i]);
    out.key += keep ? parts[i] : std::string_view(":id");
    if (i < major_parts) {
      if (!out.major.empty()) out.major += '/';
      out.major += parts[i];
    }
  }
  return out;
}

// Rounded to microseconds so 0.2 s is 200 ms, not a nanosecond less.
clock::duration seconds(double value) {
  return std::chrono::round<std::chrono::microseconds>(std::chrono::duration<double>(value));
}


}  // namespace

rate_limits::clock::duration rate_limits::global_window() const {
  return std::chrono::seconds(1) + options_.reset_margin;
}

rate_limit_info parse_rate_limit(const net::http_response& response) {
  rate_limit_info info;
  if (const std::string_view b = response.header("X-RateLimit-Bucket"); !b.empty()) {
    info.bucket = std::string(b);
  }
  info.limit = header_int(response, "X-RateLimit-Limit");
  info.remaining = header_int(response, "X-RateLimit-Remaining");
  info.reset_after_s = header_seconds(response, "X-RateLimit-Reset-After");
  info.scope = std::string(response.header("X-RateLimit-Scope"));
  if (response.status != 429) return info;
  info.global = is_true(response.header("X-RateLimit-Global")) || info.scope == "global";
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    if (auto it = body.find("retry_after"); it != body.end() && it->is_number() &&
                                             it->get<double>() >= 0) {
      info.retry_after_s = it->get<double>();
    }
    if (auto it = body.find("global"); it != body.end() && it->is_boolean() && it->get<bool>()) {
      info.global = true;
    }
  }
  if (!info.retry_after_s) info.retry_after_s = header_seconds(response, "Retry-After");
  return info;
}

std::string route_key(std::string_view method, std::string_view route) {
  return parse_route(method, route).key;
}

bool is_interaction_route(std::string_view route, std::string_view application_id) {
  const std::vector<std::string_view> parts = split_path(route);
  if (parts.empty()) return false;
  if (parts[0] == "interactions") return true;
  if (parts[0] != "webhooks" || parts.size() < 3) return false;
  // Interaction tokens start with base64("interaction:").
  return (!application_id.empty() && parts[1] == application_id) ||
         parts[2].substr(0, 16) == "aW50ZXJhY3Rpb246";
}

rate_limits::rate_limits() : rate_limits(options{}) {}

rate_limits::rate_limits(options settings)
    : options_(std::move(settings)),
      global_limit_(static_cast<std::size_t>(std::max(1.0, std::floor(options_.global_per_second)))) {}

std::string rate_limits::state_key(std::string_view method, std::string_view route) const {
  parsed_route parsed = parse_route(method, route);
  const auto hash = hash_of_route_.find(parsed.key);
  if (hash == hash_of_route_.end()) return "route " + parsed.key;
  return "bucket " + hash->second + " " + parsed.major;
}

std::size_t rate_limits::global_sent_within(clock::time_point now) const {
  const clock::time_point since = now - global_window();
  return static_cast<std::size_t>(
      global_sent_.end() - std::upper_bound(global_sent_.begin(), global_sent_.end(), since));
}

clock::duration rate_limits::wait_locked(const std::string& state, bool interaction,
                                         clock::time_point now) const {
  clock::duration wait = clock::duration::zero();
  if (auto it = buckets_.find(state); it != buckets_.end()) {
    const bucket_state& b = it->second;
    if (b.remaining && *b.remaining <= 0 && now < b.reset_at) wait = b.reset_at - now;
  }
  if (interaction) return wait;
  if (now < global_locked_until_) wait = std::max(wait, global_locked_until_ - now);
  if (global_sent_within(now) >= global_limit_) {
    // The send that must leave the window before one more may go.
    const clock::time_point oldest = *(global_sent_.end() - static_cast<std::ptrdiff_t>(global_limit_));
    wait = std::max(wait, oldest + global_window() - now);
  }
  return wait;
}

clock::duration rate_limits::wait_before(std::string_view method, std::string_view route,
                                         clock::time_point now) const {
  std::lock_guard lock(mutex_);
  return wait_locked(state_key(method, route),
                     is_interaction_route(route, options_.application_id), now);
}

clock::duration rate_limits::reserve(std::string_view method, std::string_view route,
                                     clock::time_point now) {
  std::lock_guard lock(mutex_);
  const std::string state = state_key(method, route);
  const bool interaction = is_interaction_route(route, options_.application_id);
  const clock::duration wait = wait_locked(state, interaction, now);
  if (wait > clock::duration::zero()) return wait;
  if (auto it = buckets_.find(state); it != buckets_.end()) {
    bucket_state& b = it->second;
    if (now >= b.reset_at && b.remaining) {
      // A new window: full again, resetting (we guess) one window from now until the server
      // tells us better in its response.
      b.remaining = b.limit;
      b.reset_at = now + b.window;
    }
    if (b.remaining) --*b.remaining;
  }
  if (!interaction) {
    while (!global_sent_.empty() && global_sent_.front() <= now - global_window()) {
      global_sent_.pop_front();
    }
    global_sent_.push_back(std::max(now, global_sent_.empty() ? now : global_sent_.back()));
  }
  return clock::duration::zero();
}

clock::duration rate_limits::on_response(std::string_view method, std::string_view route,
                                         clock::time_point now, unsigned status,
                                         const rate_limit_info& info) {
  std::lock_guard lock(mutex_);
  const bool interaction = is_interaction_route(route, options_.application_id);
  const parsed_route parsed = parse_route(method, route);
  if (info.bucket && !interaction) {
    auto [it, added] = hash_of_route_.try_emplace(parsed.key, *info.bucket);
    if (!added && it->second != *info.bucket) it->second = *info.bucket;
    if (added) buckets_.erase("route " + parsed.key);
  }
  const std::string state = state_key(method, route);
  if (!interaction && info.remaining && info.reset_after_s) {
    bucket_state& b = buckets_[state];
    b.limit = info.limit;
    b.remaining = *info.remaining;
    b.reset_at = now + seconds(*info.reset_after_s) + options_.reset_margin;
    b.window = std::max(b.window, seconds(*info.reset_after_s) + options_.reset_margin);
  }
  if (status != 429) return clock::duration::zero();

  const double retry_s = info.retry_after_s.value_or(info.reset_after_s.value_or(1.0));
  const clock::duration retry = seconds(retry_s);
  if (info.global) {
    if (!interaction) global_locked_until_ = std::max(global_locked_until_, now + retry);
  } else {
    bucket_state& b = buckets_[state];
    b.remaining = 0;
    b.reset_at = std::max(b.reset_at, now + retry);
  }
  return retry;
}

clock::time_point rate_limits::global_locked_until() const {
  std::lock_guard lock(mutex_);
  return global_locked_until_;
}

}  // namespace tb::discord
