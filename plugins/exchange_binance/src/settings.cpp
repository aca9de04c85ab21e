#include "settings.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "tradingbot/sdk/error.hpp"
#include "url.hpp"

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
  const std::string_view problem = base_url_problem(url, schemes);
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
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (key != "rest_url" && key != "ws_url" && key != "api_key" && key != "api_secret" &&
        key != "recv_window_ms") {
      out.unknown_keys.push_back(key);
    }
  }
  return out;
}

std::string describe(const settings& values) {
  return "REST " + values.rest_url + ", websocket " + values.ws_url + ", recv_window " +
         std::to_string(values.recv_window_ms) + " ms, API credentials " +
         (values.api_key.empty() ? "not set (market data only)" : "set");
}

}  // namespace tb::binance
