#include "config/settings.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "tradingbot/sdk/error.hpp"
#include "plugin_net/base_url.hpp"

namespace tb::binance {
namespace {

using json = nlohmann::json;

[[noreturn]] void invalid(const std::string& what) {
  throw sdk::error(TB_E_INVALID_ARGUMENT, "settings: " + what);
}

std::string read_url(const json& object, const char* key, std::string fallback,
                     std::initializer_list<std::string_view> schemes, const char* example) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_string()) invalid(std::string(key) + " must be a string such as " + example);
  std::string url = it->get<std::string>();
  const std::string_view problem = net::base_url_problem(url, schemes);
  if (!problem.empty()) {
    // A URL with credentials in it is not echoed.
    const std::string shown = url.find('@') == std::string::npos ? " \"" + url + "\"" : "";
    invalid(std::string(key) + shown + " is not a valid base URL: " + std::string(problem) +
            " (expected e.g. " + example + ")");
  }
  return url;
}

// Secrets: the message names the key, never the value.
std::string read_secret(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) invalid(std::string(key) + " must be a string");
  return it->get<std::string>();
}

// A whole number in [min, max] under `key`, or `fallback` when absent.
std::uint32_t read_count(const json& object, const char* key, std::uint32_t fallback,
                         std::int64_t min, std::int64_t max, const char* unit) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_number_integer() || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max) {
    invalid(std::string(key) + " must be a whole number of " + unit + " from " +
            std::to_string(min) + " to " + std::to_string(max));
  }
  return it->get<std::uint32_t>();
}

constexpr std::string_view known_keys[] = {
    "rest_url", "ws_url", "api_key", "api_secret", "recv_window_ms", "exchange_info_ttl_s",
    "time_sync_interval_s", "max_idle_connections", "ws_max_streams_per_connection",
    "ws_rotate_after_s", "listen_key_keepalive_s"};

}  // namespace

settings parse_settings(std::string_view text) {
  json object;
  try {
    object = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() quotes the text near the error, which may be a secret: give the position only.
    invalid("not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  }
  if (object.is_null()) object = json::object();
  if (!object.is_object()) invalid("expected a mapping of setting names to values");

  settings out;
  out.rest_url = read_url(object, "rest_url", out.rest_url, {"https", "http"},
                          "https://fapi.binance.com");
  out.ws_url = read_url(object, "ws_url", out.ws_url, {"wss", "ws"},
                        "wss://fstream.binance.com");
  out.api_key = read_secret(object, "api_key");
  out.api_secret = read_secret(object, "api_secret");
  if (out.api_key.empty() != out.api_secret.empty()) {
    invalid("set both api_key and api_secret, or neither (market data only)");
  }
  if (const auto it = object.find("recv_window_ms"); it != object.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
        it->get<std::int64_t>() > 60000) {
      invalid("recv_window_ms must be a whole number of milliseconds from 1 to 60000");
    }
    out.recv_window_ms = it->get<std::uint32_t>();
  }
  out.exchange_info_ttl_s =
      read_count(object, "exchange_info_ttl_s", out.exchange_info_ttl_s, 1, 86400, "seconds");
  out.time_sync_interval_s =
      read_count(object, "time_sync_interval_s", out.time_sync_interval_s, 10, 3600, "seconds");
  out.max_idle_connections =
      read_count(object, "max_idle_connections", out.max_idle_connections, 1, 1024, "connections");
  out.ws_max_streams_per_connection = read_count(
      object, "ws_max_streams_per_connection", out.ws_max_streams_per_connection, 1, 1024, "streams");
  out.ws_rotate_after_s =
      read_count(object, "ws_rotate_after_s", out.ws_rotate_after_s, 60, 86000, "seconds");
  out.listen_key_keepalive_s =
      read_count(object, "listen_key_keepalive_s", out.listen_key_keepalive_s, 1, 3000, "seconds");
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    bool known = false;
    for (std::string_view k : known_keys) known = known || key == k;
    if (!known) out.unknown_keys.push_back(key);
  }
  return out;
}

std::string describe(const settings& values) {
  return "REST " + values.rest_url + ", websocket " + values.ws_url + ", recv_window " +
         std::to_string(values.recv_window_ms) + " ms, API credentials " +
         (values.api_key.empty() ? "not set (market data only)" : "set");
}

}  // namespace tb::binance
