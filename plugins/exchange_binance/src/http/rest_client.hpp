// Binance REST calls with everything around them: the host's rate limiter (real weights,
// lanes), its circuit breakers per endpoint group, X-MBX-USED-WEIGHT-1M reporting, 429/418
// pauses, HMAC signing with the server-time offset (re-synced on -1021, then retried once),
// and clear errors (what, endpoint, HTTP status, Binance code and msg). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "plugin_net/http_client.hpp"
#include "signing/signer.hpp"
#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::binance {

// A failed REST call: the tb status, Binance's code (remote_code) and the HTTP status (0 when
// no response arrived). `may_have_taken_effect` for a non-GET whose outcome is unknown.
class rest_error : public sdk::error {
 public:
  rest_error(tb_status status, const std::string& message, std::int32_t remote_code,
             unsigned http_status, bool may_have_taken_effect)
      : sdk::error(status, message, remote_code),
        http_status_(http_status),
        may_have_taken_effect_(may_have_taken_effect) {}
  unsigned http_status() const noexcept { return http_status_; }
  bool may_have_taken_effect() const noexcept { return may_have_taken_effect_; }

 private:
  unsigned http_status_;
  bool may_have_taken_effect_;
};

enum class security { none, api_key, signed_ };

struct rest_call {
  const char* method = "GET";
  const char* path = "";   // "/fapi/v1/klines"
  query params;
  security auth = security::none;
  std::uint32_t weight = 1;    // IP weight
  bool counts_as_order = false; // also charged to binance.orders_10s and binance.orders_1m
  sdk::lane lane = sdk::lane::normal;
  const char* breaker = "binance.market";
};

struct rest_options {
  std::string api_key;
  std::string api_secret;
  std::uint32_t recv_window_ms = 5000;
  std::chrono::milliseconds time_sync_interval{std::chrono::minutes(5)};
  std::size_t max_idle_connections = 64;
};

class rest_client {
 public:
  rest_client(sdk::host host, const net::endpoint& base, const rest_options& options);

  // The body of a 2xx answer; throws rest_error (or sdk::error) otherwise.
  std::string call(const rest_call& request, sdk::deadline until);

  // Server time estimate (ms): host wall time plus the measured offset. Syncs first when the
  // offset is older than the sync interval.
  std::int64_t server_now_ms(sdk::deadline until);
  // Measures the offset now (GET /fapi/v1/time).
  void sync_time(sdk::deadline until);

  bool has_credentials() const noexcept { return signer_.has_secret(); }
  void close_idle() { http_.close_idle(); }

 private:
  std::string attempt(const rest_call& request, sdk::deadline until, bool& retry_on_skew);
  void acquire(const rest_call& request, sdk::deadline until, const std::string& what);
  std::int64_t pause_after_limit(const net::http_response& response, std::int32_t code,
                                 const std::string& msg, const std::string& message);
  void ensure_time(sdk::deadline until);
  void sync_time(sdk::deadline until, bool force);

  sdk::host host_;
  rest_options options_;
  signer signer_;
  net::http_client http_;
  std::atomic<std::int64_t> offset_ms_{0};
  std::atomic<std::int64_t> synced_at_ms_{0}; // host wall time of the last sync, 0: never
  std::mutex sync_mutex_;
};

// "GET /fapi/v1/klines" for messages.
std::string describe_call(const rest_call& request);

// Maps a Binance error answer to a tb status (pure; used by rest_client, tested alone).
tb_status status_for(unsigned http_status, std::int32_t binance_code);

}  // namespace tb::binance
