// The exchange_binance settings, read from the instance's `settings:` in the YAML (which the
// host hands over as JSON).
//
//   rest_url:       https://fapi.binance.com   (http or https; a fake's http://127.0.0.1:PORT)
//   ws_url:         wss://fstream.binance.com  (ws or wss)
//   api_key:        ${BINANCE_API_KEY}         (optional; both or neither)
//   api_secret:     ${BINANCE_API_SECRET}
//   recv_window_ms: 5000                       (1-60000, Binance's limit)
//   exchange_info_ttl_s: 300                   (how long the symbol list and filters are
//                                               reused, 1-86400)
//   time_sync_interval_s: 300                  (server-time offset refresh, 10-3600; also
//                                               re-synced at once after a -1021)
//   max_idle_connections: 64                   (keep-alive REST connections kept, 1-1024)
//   ws_max_streams_per_connection: 200         (kline streams per websocket, 1-1024)
//   ws_rotate_after_s: 82800                   (reconnect proactively before Binance's 24 h
//                                               cut, 60-86000; 23 h by default)
//   listen_key_keepalive_s: 1800               (user-data listenKey keep-alive PUT period,
//                                               1-3000: Binance drops a key after 60 min
//                                               without one; a few seconds only in tests)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::binance {

struct settings {
  std::string rest_url = "https://fapi.binance.com";
  std::string ws_url = "wss://fstream.binance.com";
  std::string api_key;
  std::string api_secret;
  std::uint32_t recv_window_ms = 5000;
  std::uint32_t exchange_info_ttl_s = 300;
  std::uint32_t time_sync_interval_s = 300;
  std::uint32_t max_idle_connections = 64;
  std::uint32_t ws_max_streams_per_connection = 200;
  std::uint32_t ws_rotate_after_s = 82800;
  std::uint32_t listen_key_keepalive_s = 1800;
  std::vector<std::string> unknown_keys; // reported as a warning, then ignored
};

// Parses and validates; throws tb::sdk::error(TB_E_INVALID_ARGUMENT) naming the setting and
// the problem. No message ever contains the value of api_key or api_secret.
settings parse_settings(std::string_view json);

// One line for the log: URLs, receive window and whether credentials are set, never their
// values.
std::string describe(const settings& values);

}  // namespace tb::binance
