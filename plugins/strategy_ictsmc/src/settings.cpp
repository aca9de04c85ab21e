#include "settings.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "tradingbot/sdk/error.hpp"

namespace tb::ictsmc {
namespace {

using json = nlohmann::json;

constexpr std::uint32_t max_lookback = 1500; // Binance's largest kline page

// Binance interval codes and their length in seconds (1M counts 30 days, as in tb_series).
constexpr std::array<std::pair<std::string_view, std::uint32_t>, 15> intervals{{
    {"1m", 60},      {"3m", 180},     {"5m", 300},     {"15m", 900},     {"30m", 1800},
    {"1h", 3600},    {"2h", 7200},    {"4h", 14400},   {"6h", 21600},    {"8h", 28800},
    {"12h", 43200},  {"1d", 86400},   {"3d", 259200},  {"1w", 604800},   {"1M", 2592000},
}};

[[noreturn]] void invalid(const std::string& what) {
  throw sdk::error(TB_E_INVALID_ARGUMENT, "settings: " + what);
}

std::uint32_t seconds_of(std::string_view interval) {
  for (const auto& [code, seconds] : intervals) {
    if (code == interval) return seconds;
  }
  return 0;
}

std::string read_interval(const json& object, const char* key, std::string fallback) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_string() || seconds_of(it->get<std::string>()) == 0) {
    invalid(std::string(key) + " must be a Binance interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h "
                               "12h 1d 3d 1w 1M");
  }
  return it->get<std::string>();
}

std::uint32_t read_lookback(const json& object, const char* key, std::uint32_t fallback) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
      it->get<std::int64_t>() > max_lookback) {
    invalid(std::string(key) + " must be a whole number of candles from 1 to " +
            std::to_string(max_lookback));
  }
  return it->get<std::uint32_t>();
}

}  // namespace

settings parse_settings(std::string_view text) {
  json object;
  try {
    object = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() quotes the text near the error; settings may hold resolved secrets.
    invalid("not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  }
  if (object.is_null()) object = json::object();
  if (!object.is_object()) invalid("expected a mapping of setting names to values");

  settings out;
  out.entry_interval = read_interval(object, "entry_interval", out.entry_interval);
  out.entry_lookback = read_lookback(object, "entry_lookback", out.entry_lookback);
  out.bias_interval = read_interval(object, "bias_interval", out.bias_interval);
  out.bias_lookback = read_lookback(object, "bias_lookback", out.bias_lookback);
  if (seconds_of(out.bias_interval) <= seconds_of(out.entry_interval)) {
    invalid("bias_interval (" + out.bias_interval + ") must be longer than entry_interval (" +
            out.entry_interval + ")");
  }
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (key != "entry_interval" && key != "entry_lookback" && key != "bias_interval" &&
        key != "bias_lookback") {
      out.unknown_keys.push_back(key);
    }
  }
  return out;
}

}  // namespace tb::ictsmc
