#pragma once
// Which websocket URL a client asked for. Since the 2026 split, klines are served only under
// /market; /public and the old unrouted /ws and /stream accept connections and subscriptions
// but never deliver kline data; /private carries the user-data stream.
#include <optional>
#include <string>
#include <vector>

namespace tb::fake {

enum class ws_route { market, public_, legacy, private_ };

struct ws_target {
  ws_route route = ws_route::market;
  bool combined = false;
  std::vector<std::string> streams;      // from the URL
  std::vector<std::string> listen_keys;  // /private only
};

// Empty for a path that is not a websocket endpoint (answered with 404).
std::optional<ws_target> parse_ws_target(const std::string& target);
std::string to_string(ws_route route);

// "btcusdt@kline_1m" -> {"BTCUSDT", "1m"}; empty for any other stream.
struct kline_stream {
  std::string symbol;
  std::string interval;
};
std::optional<kline_stream> parse_kline_stream(const std::string& stream);

}  // namespace tb::fake
