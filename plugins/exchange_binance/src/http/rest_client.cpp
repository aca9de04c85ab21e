#include "http/rest_client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "market_data/parsers.hpp"
#include "http/weights.hpp"

namespace tb::binance {
namespace {

using json = nlohmann::json;

std::chrono::steady_clock::time_point local_deadline(const sdk::host& host, sdk::deadline until) {
  return std::chrono::steady_clock::now() + host.remaining(until);
}

std::int64_t to_int(const std::string& text, std::int64_t fallback) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : fallback;
}

// Binance's {"code":-1121,"msg":"Invalid symbol."}, tolerating anything else.
std::pair<std::int32_t, std::string> error_body(const std::string& body) {
  const json value = json::parse(body, nullptr, false);
  std::int32_t code = 0;
  std::string msg;
  if (value.is_object()) {
    if (auto it = value.find("code"); it != value.end() && it->is_number_integer()) {
      code = it->get<std::int32_t>();
    }
    if (auto it = value.find("msg"); it != value.end() && it->is_string()) msg = it->get<std::string>();
  }
  if (msg.size() > 120) msg = msg.substr(0, 120) + "...";
  return {code, msg};
}

bool is_unknown_execution(unsigned status, std::int32_t code, const std::string& msg) {
  return status == 408 || code == -1006 || code == -1007 ||
         (status == 503 && msg.find("Unknown error") != std::string::npos) ||
         (status >= 500 && code == 0 && msg.empty());
}

// What to check when Binance refuses the credentials (never the credentials themselves).
const char* auth_hint(std::int32_t code) {
  switch (code) {
    case -1022: return "the api_secret does not match the api_key: check api_secret";
    case -2014: return "the api_key is malformed: check api_key";
    case -2015: return "the api_key is unknown, or this IP or the key's permissions are not allowed";
    default: return nullptr;
  }
}

}  // namespace

std::string describe_call(const rest_call& request) {
  return std::string(request.method) + " " + request.path;
}

tb_status status_for(unsigned http_status, std::int32_t code) {
  if (http_status == 429 || http_status == 418 || code == -1003 || code == -1015) {
    return TB_E_RATE_LIMITED;
  }
  if (http_status == 401 || code == -2014 || code == -2015 || code == -1022) return TB_E_AUTH;
  if (code == -2013 || code == -2011) return TB_E_NOT_FOUND;
  if (code == -1021) return TB_E_REJECTED;
  if (code <= -1100 && code >= -1199) return TB_E_INVALID_ARGUMENT;
  if (http_status == 408) return TB_E_TIMEOUT;
  if (http_status >= 500) return TB_E_IO;
  return TB_E_REJECTED;
}

rest_client::rest_client(sdk::host host, const net::endpoint& base, const rest_options& options)
    : host_(host), options_(options), signer_(options.api_secret),
      http_(base, options.max_idle_connections, "tradingbot-exchange_binance") {}

void rest_client::acquire(const rest_call& request, sdk::deadline until, const std::string& what) {
  auto take = [&](const char* bucket, std::uint32_t weight) {
    if (weight == 0) return;
    const tb_status s = host_.acquire(bucket, weight, request.lane, until);
    // No host limiter, or the bucket is not configured: nothing to wait for.
    if (s == TB_OK || s == TB_E_UNSUPPORTED || s == TB_E_NOT_FOUND) return;
    if (s == TB_E_TIMEOUT) {
      throw rest_error(TB_E_TIMEOUT, what + ": the deadline passed while waiting for rate-limit "
                                            "bucket " + bucket, 0, 0, false);
    }
    throw rest_error(TB_E_RATE_LIMITED, what + ": rate-limit bucket " + bucket +
                                            " refused the request (" + tb_status_name(s) +
                                            "); retry after the pause", 0, 0, false);
  };
  // Binance charges order POSTs no IP weight, but one token keeps them behind an IP pause: an
  // order sent while the IP is limited (after a 429) earns a 418 ban.
  take(bucket_ip_weight, std::max<std::uint32_t>(request.weight, 1));
  if (request.counts_as_order) {
    take(bucket_orders_10s, 1);
    take(bucket_orders_1m, 1);
  }
}

std::string rest_client::attempt(const rest_call& request, sdk::deadline until,
                                 bool& retry_on_skew) {
  const std::string what = describe_call(request);
  if (host_.remaining(until).count() <= 0) {
    throw rest_error(TB_E_TIMEOUT, what + ": the deadline had passed before the request", 0, 0, false);
  }
  if (request.auth == security::signed_) ensure_time(until);
  acquire(request, until, what);
  const tb_status allowed = host_.breaker_allow(request.breaker);
  if (allowed == TB_E_BREAKER_OPEN) {
    throw rest_error(TB_E_BREAKER_OPEN, what + ": circuit breaker " + request.breaker +
                                            " is open after repeated failures; retry later",
                     0, 0, false);
  }
  const bool report = allowed == TB_OK;
  auto report_outcome = [&](bool success) {
    if (report) host_.breaker_report(request.breaker, success);
  };

  net::http_request http;
  http.method = request.method;
  std::string encoded = request.params.encode();
  if (request.auth == security::signed_) {
    if (!signer_.has_secret()) {
      report_outcome(true);
      throw rest_error(TB_E_AUTH, what + ": api_key and api_secret are not set", 0, 0, false);
    }
    if (!encoded.empty()) encoded += '&';
    encoded += "recvWindow=" + std::to_string(options_.recv_window_ms) +
               "&timestamp=" + std::to_string(host_.wall_ms() + offset_ms_.load());
    encoded = signer_.sign(encoded);
  }
  if (request.auth != security::none) http.headers.emplace_back("X-MBX-APIKEY", options_.api_key);
  http.target = std::string(request.path) + (encoded.empty() ? "" : "?" + encoded);
  const bool is_get = std::string_view(request.method) == "GET";

  net::http_response response;
  try {
    response = http_.send(http, local_deadline(host_, until), is_get);
  } catch (const net::transport_error& e) {
    report_outcome(false);
    const bool unknown = !is_get && e.may_have_arrived();
    throw rest_error(e.timed_out() ? TB_E_TIMEOUT : TB_E_IO,
                     std::string(e.what()) + (unknown ? " (the request may have taken effect)" : ""),
                     0, 0, unknown);
  }
  if (const std::string used_weight(response.header("X-MBX-USED-WEIGHT-1M")); !used_weight.empty()) {
    const std::int64_t used = to_int(used_weight, -1);
    if (used >= 0) host_.report_usage(bucket_ip_weight, static_cast<std::uint64_t>(used));
  }
  if (response.status >= 200 && response.status < 300) {
    report_outcome(true);
    return std::move(response.body);
  }
  const auto [code, msg] = error_body(response.body);
  const bool server_side = response.status >= 500 || response.status == 408;
  report_outcome(!server_side);
  std::string message = what + ": HTTP " + std::to_string(response.status);
  if (code != 0) message += ", Binance " + std::to_string(code);
  if (!msg.empty()) message += ": " + msg;
  if (response.status == 429 || response.status == 418) {
    const std::int64_t seconds = pause_after_limit(response, code, msg, message);
    throw rest_error(TB_E_RATE_LIMITED, message + " (paused for " + std::to_string(seconds) + " s)",
                     code, response.status, false);
  }
  if (const char* hint = auth_hint(code); hint != nullptr) message += " (" + std::string(hint) + ")";
  if (code == -1021 && request.auth == security::signed_) retry_on_skew = true;
  if (server_side && !is_get && is_unknown_execution(response.status, code, msg)) {
    throw rest_error(TB_E_UNKNOWN_OUTCOME, message + " (execution status unknown)", code,
                     response.status, true);
  }
  throw rest_error(status_for(response.status, code), message, code, response.status, false);
}

std::string rest_client::call(const rest_call& request, sdk::deadline until) {
  bool skew = false;
  try {
    return attempt(request, until, skew);
  } catch (const rest_error&) {
    if (!skew) throw;
  }
  host_.warn("exchange_binance: " + describe_call(request) +
             " was refused for clock skew (-1021); re-syncing the server time and retrying once");
  sync_time(until);
  bool again = false;
  return attempt(request, until, again);
}

// 429/418: pause what the limit covers until it passes; returns the pause in seconds.
std::int64_t rest_client::pause_after_limit(const net::http_response& response, std::int32_t code,
                                            const std::string& msg, const std::string& message) {
  const bool orders = code == -1015;  // the account's order count, not the IP's weight
  const std::int64_t fallback = response.status == 418 ? 120
                                : orders ? (msg.find("SECOND") != std::string::npos ? 10 : 60)
                                         : 60;
  const std::int64_t seconds = std::max<std::int64_t>(1, to_int(std::string(response.header("Retry-After")), fallback));
  const std::int64_t until_ms = host_.wall_ms() + seconds * 1000;
  if (response.status == 418) {
    host_.pause_until(nullptr, until_ms);
    host_.raise_alert("binance.ip_banned", sdk::severity::critical, "Binance banned this IP (HTTP 418)",
                      message);
  } else if (orders) {
    host_.pause_until(bucket_orders_10s, until_ms);
    host_.pause_until(bucket_orders_1m, until_ms);
  } else {
    host_.pause_until(bucket_ip_weight, until_ms);
  }
  return seconds;
}

void rest_client::sync_time(sdk::deadline until) { sync_time(until, true); }

void rest_client::sync_time(sdk::deadline until, bool force) {
  std::lock_guard lock(sync_mutex_);
  // Concurrent callers that waited here find the offset already fresh.
  const std::int64_t at = synced_at_ms_.load();
  if (!force && at != 0 && host_.wall_ms() - at < options_.time_sync_interval.count()) return;
  rest_call time_call;
  time_call.path = "/fapi/v1/time";
  time_call.weight = weight_time;
  time_call.lane = sdk::lane::normal;
  const std::int64_t t0 = host_.wall_ms();
  bool unused = false;
  const std::string body = attempt(time_call, until, unused);
  const std::int64_t t1 = host_.wall_ms();
  std::int64_t server = 0;
  try {
    server = parse_server_time(body);
  } catch (const parse_error& e) {
    throw rest_error(TB_E_IO, std::string("GET /fapi/v1/time: ") + e.what(), 0, 200, false);
  }
  offset_ms_.store(server - (t0 + t1) / 2);
  synced_at_ms_.store(t1);
}

void rest_client::ensure_time(sdk::deadline until) {
  const std::int64_t at = synced_at_ms_.load();
  if (at != 0 && host_.wall_ms() - at < options_.time_sync_interval.count()) return;
  sync_time(until, false);
}

std::int64_t rest_client::server_now_ms(sdk::deadline until) {
  ensure_time(until);
  return host_.wall_ms() + offset_ms_.load();
}

}  // namespace tb::binance
