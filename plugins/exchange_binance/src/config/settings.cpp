#include "config/settings.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "plugin_net/base_url.hpp"
#include "plugin_settings/settings_reader.hpp"

namespace tb::binance {
namespace {

using json = nlohmann::json;
using plugin_settings::invalid;

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

// A whole number in [min, max] under `key`, or `fallback` when absent.
std::uint32_t read_count(const json& object, const char* key, std::uint32_t fallback,
                         std::int64_t min, std::int64_t max, const char* unit) {
  return static_cast<std::uint32_t>(
      plugin_settings::read_whole_number(object, key, fallback, min, max, unit));
}

constexpr std::string_view known_keys[] = {
    "rest_url", "ws_url", "api_key", "api_secret", "recv_window_ms", "exchange_info_ttl_s",
    "time_sync_interval_s", "max_idle_connections", "ws_max_streams_per_connection",
    "ws_rotate_after_s", "listen_key_keepalive_s"};

}  // namespace

settings parse_settings(std::string_view text) {
  const json object = plugin_settings::parse_object(text);

  settings out;
  out.rest_url = read_url(object, "rest_url", out.rest_url, {"https", "http"},
                          "https://fapi.binance.com");
  out.ws_url = read_url(object, "ws_url", out.ws_url, {"wss", "ws"},
                        "wss://fstream.binance.com");
  // Secrets: the message names the key, never the value.
  out.api_key = plugin_settings::read_secret(object, "api_key", "a string");
  out.api_secret = plugin_settings::read_secret(object, "api_secret", "a string");
  if (out.api_key.empty() != out.api_secret.empty()) {
    invalid("set both api_key and api_secret, or neither (market data only)");
  }
  out.recv_window_ms =
      read_count(object, "recv_window_ms", out.recv_window_ms, 1, 60000, "milliseconds");
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
  out.unknown_keys = plugin_settings::unknown_keys(object, known_keys);
  return out;
}

std::string describe(const settings& values) {
  return "REST " + values.rest_url + ", websocket " + values.ws_url + ", recv_window " +
         std::to_string(values.recv_window_ms) + " ms, API credentials " +
         (values.api_key.empty() ? "not set (market data only)" : "set");
}

}  // namespace tb::binance
