// A blocking Discord REST client: bot or webhook auth, per-route buckets and the global gate
// (rate_limits), 429s honoured exactly, 5xx and unsent transport failures retried with backoff,
// all within the caller's deadline. Safe to call from many threads at once.
//
// Secrets: the bot token and webhook tokens never appear in logs or exception messages;
// routes are shown with /webhooks/{id}/*** (redact_route).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin_net/backoff.hpp"
#include "plugin_net/http_client.hpp"
#include "rest/rate_limits.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::discord {

struct rest_options {
  std::string api_url = "https://discord.com/api/v10";  // or "http://127.0.0.1:PORT/api/v10"
  std::string token;  // bot token; may be empty for webhook-only use
  std::chrono::milliseconds request_timeout{15000};  // per HTTP attempt
  double global_per_second = 50;
  std::string application_id;  // optional: marks interaction follow-ups (no global gate)
  net::backoff_policy retry{std::chrono::milliseconds(250), std::chrono::milliseconds(5000)};
  std::size_t max_idle_connections = 4;
};

// The final answer: 2xx, or a 4xx other than 429.
struct rest_reply {
  unsigned status = 0;
  std::string body;
  unsigned attempts = 0;      // HTTP requests sent for this call
  unsigned rate_limited = 0;  // 429s answered on the way
  // The body as JSON; null when empty or not JSON.
  nlohmann::json json() const;
};

// The call did not get a final answer: the deadline passed (while rate limited, after 5xx or
// a timeout), the stop token was triggered, or a transport error after which the request may
// have reached Discord.
class rest_failure : public std::runtime_error {
 public:
  rest_failure(const std::string& what, unsigned status, std::int64_t code, bool retryable,
               bool may_have_arrived, std::chrono::milliseconds retry_after = {},
               unsigned rate_limited = 0)
      : std::runtime_error(what), status_(status), code_(code), retryable_(retryable),
        may_have_arrived_(may_have_arrived), retry_after_(retry_after),
        rate_limited_(rate_limited) {}
  unsigned status() const noexcept { return status_; }  // 0: no HTTP answer
  std::int64_t code() const noexcept { return code_; }  // Discord's JSON error code, or 0
  bool retryable() const noexcept { return retryable_; }
  // The request may have been processed: retry only when that is harmless (a nonce).
  bool may_have_arrived() const noexcept { return may_have_arrived_; }
  // The wait Discord asked for (429) when the deadline came first; zero otherwise.
  std::chrono::milliseconds retry_after() const noexcept { return retry_after_; }
  unsigned rate_limited() const noexcept { return rate_limited_; }

 private:
  unsigned status_;
  std::int64_t code_;
  bool retryable_;
  bool may_have_arrived_;
  std::chrono::milliseconds retry_after_;
  unsigned rate_limited_;
};

// Discord's {"code": ..., "message": ...} from an error body; {0, ""} when absent.
struct discord_error {
  std::int64_t code = 0;
  std::string message;
};
discord_error error_of(std::string_view body);

// `text` with every "/webhooks/{id}/{token}" shown as "/webhooks/{id}/***".
std::string redact_route(std::string_view text);

class discord_rest {
 public:
  using clock = std::chrono::steady_clock;
  enum class auth { bot, none };

  // Throws std::invalid_argument when api_url is not a valid http(s) URL.
  discord_rest(sdk::host host, rest_options options);
  ~discord_rest();
  discord_rest(const discord_rest&) = delete;
  discord_rest& operator=(const discord_rest&) = delete;

  // Sends `json_body` (empty: no body) to `route` (relative to api_url, with its query) and
  // returns the final 2xx/4xx reply. Waits for the route's bucket and the global gate, retries
  // 429s, 5xx and transport errors that cannot have arrived. Throws rest_failure when
  // `deadline` passes first, `stop` is requested, or a transport error may have arrived.
  rest_reply send(const char* method, const std::string& route, const std::string& json_body,
                  auth mode, clock::time_point deadline, std::stop_token stop = {});

  rate_limits& limits() noexcept { return limits_; }

 private:
  struct metrics;
  // Sleeps until `until`; false when `stop` was requested first.
  static bool sleep_until(clock::time_point until, const std::stop_token& stop);

  sdk::host host_;
  rest_options options_;
  net::endpoint endpoint_;
  std::unique_ptr<net::http_client> http_;
  rate_limits limits_;
  std::unique_ptr<metrics> metrics_;
};

}  // namespace tb::discord
