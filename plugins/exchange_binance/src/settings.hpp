// The exchange_binance settings, read from the instance's `settings:` in the YAML (which the
// host hands over as JSON).
//
//   rest_url:       https://fapi.binance.com   (http or https; a fake's http://127.0.0.1:PORT)
//   ws_url:         wss://fstream.binance.com  (ws or wss)
//   api_key:        ${BINANCE_API_KEY}         (optional; both or neither)
//   api_secret:     ${BINANCE_API_SECRET}
//   recv_window_ms: 5000                       (1-60000, Binance's limit)
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
  std::vector<std::string> unknown_keys; // reported as a warning, then ignored
};

// Parses and validates; throws tb::sdk::error(TB_E_INVALID_ARGUMENT) naming the setting and
// the problem. No message ever contains the value of api_key or api_secret.
settings parse_settings(std::string_view json);

// One line for the log: URLs, receive window and whether credentials are set, never their
// values.
std::string describe(const settings& values);

}  // namespace tb::binance
