#include "settings.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "plugin_settings/settings_reader.hpp"
#include "signals/kill_zones.hpp"

namespace tb::ictsmc {
namespace {

using json = nlohmann::json;
using plugin_settings::invalid;

constexpr std::uint32_t max_lookback = 1500; // Binance's largest kline page

// Binance interval codes and their length in seconds (1M counts 30 days, as in tb_series).
constexpr std::array<std::pair<std::string_view, std::int64_t>, 15> intervals{{
    {"1m", 60},      {"3m", 180},     {"5m", 300},     {"15m", 900},     {"30m", 1800},
    {"1h", 3600},    {"2h", 7200},    {"4h", 14400},   {"6h", 21600},    {"8h", 28800},
    {"12h", 43200},  {"1d", 86400},   {"3d", 259200},  {"1w", 604800},   {"1M", 2592000},
}};

// A number as the YAML would show it: 0.62, not 0.620000.
std::string number_text(double value) { return json(value).dump(); }

// Reads the keys of one JSON object into their fields, remembering which keys it knew.
class reader {
 public:
  reader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  void interval(const char* key, std::string& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_string() || interval_ms(value->get<std::string>()) == 0) {
      fail(key, "must be a Binance interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M");
    }
    out = value->get<std::string>();
  }

  void count(const char* key, std::uint32_t& out, std::uint32_t min, std::uint32_t max,
             const char* unit) {
    const json* value = find(key);
    if (value == nullptr) return;
    out = static_cast<std::uint32_t>(
        plugin_settings::as_whole_number(*value, prefix_ + key, min, max, unit));
  }

  void number(const char* key, double& out, double min, double max) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_number() || !(value->get<double>() >= min && value->get<double>() <= max)) {
      fail(key, "must be a number from " + number_text(min) + " to " + number_text(max));
    }
    out = value->get<double>();
  }

  void flag(const char* key, bool& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    out = plugin_settings::as_bool(*value, prefix_ + key);
  }

  void names(const char* key, std::vector<std::string>& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array()) fail(key, "must be a list of names");
    out.clear();
    for (const json& item : *value) {
      if (!item.is_string()) fail(key, "must be a list of names");
      out.push_back(item.get<std::string>());
    }
  }

  const json* object(const char* key) {
    const json* value = find(key);
    if (value != nullptr && !value->is_object()) fail(key, "must be a mapping");
    return value;
  }

  // Keys of the object that no read asked for, with the prefix.
  void unknown(std::vector<std::string>& out) const {
    for (const auto& item : object_.items()) {
      if (known_.count(item.key()) == 0) out.push_back(prefix_ + item.key());
    }
  }

  [[noreturn]] void fail(const char* key, const std::string& what) const {
    invalid(prefix_ + key + " " + what);
  }

 private:
  const json* find(const char* key) {
    known_.insert(key);
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  const json& object_;
  std::string prefix_;
  std::set<std::string> known_;
};

void read_weights(reader& parent, confidence_weights& out, std::vector<std::string>& unknown) {
  const json* object = parent.object("confidence");
  if (object == nullptr) return;
  reader r(*object, "confidence.");
  r.number("base", out.base, 0, 1);
  r.number("order_block", out.order_block, 0, 1);
  r.number("fair_value_gap", out.fair_value_gap, 0, 1);
  r.number("ote", out.ote, 0, 1);
  r.number("liquidity_sweep", out.liquidity_sweep, 0, 1);
  r.number("kill_zone", out.kill_zone, 0, 1);
  r.number("structure", out.structure, 0, 1);
  r.number("reward_risk", out.reward_risk, 0, 1);
  r.unknown(unknown);
}

}  // namespace

std::int64_t interval_ms(std::string_view interval) {
  for (const auto& [code, seconds] : intervals) {
    if (code == interval) return seconds * 1000;
  }
  return 0;
}

settings parse_settings(std::string_view text) {
  const json object = plugin_settings::parse_object(text);

  settings out;
  reader r(object, "");
  r.interval("entry_interval", out.entry_interval);
  r.count("entry_lookback", out.entry_lookback, 1, max_lookback, "candles");
  r.interval("bias_interval", out.bias_interval);
  r.count("bias_lookback", out.bias_lookback, 1, max_lookback, "candles");
  r.count("entry_swing_length", out.entry_swing_length, 1, 100, "candles");
  r.count("bias_swing_length", out.bias_swing_length, 1, 100, "candles");
  r.count("range_lookback", out.range_lookback, 2, max_lookback, "candles");
  r.count("zone_max_age", out.zone_max_age, 1, max_lookback, "candles");
  r.flag("use_order_blocks", out.use_order_blocks);
  r.flag("use_fair_value_gaps", out.use_fair_value_gaps);
  r.number("ote_low", out.ote_low, 0.5, 1);
  r.number("ote_high", out.ote_high, 0.5, 1);
  r.flag("require_ote", out.require_ote);
  r.count("sweep_lookback", out.sweep_lookback, 1, max_lookback, "candles");
  r.flag("require_sweep", out.require_sweep);
  r.names("kill_zones", out.kill_zones);
  r.count("atr_length", out.atr_length, 1, 500, "candles");
  r.number("stop_buffer_atr", out.stop_buffer_atr, 0, 10);
  r.number("min_reward_risk", out.min_reward_risk, 0.1, 100);
  r.number("min_confidence", out.min_confidence, 0, 1);
  read_weights(r, out.weights, out.unknown_keys);
  r.unknown(out.unknown_keys);

  if (interval_ms(out.bias_interval) <= interval_ms(out.entry_interval)) {
    invalid("bias_interval (" + out.bias_interval + ") must be longer than entry_interval (" +
            out.entry_interval + ")");
  }
  if (out.ote_low >= out.ote_high) {
    invalid("ote_low (" + number_text(out.ote_low) + ") must be below ote_high (" +
            number_text(out.ote_high) + ")");
  }
  if (!out.use_order_blocks && !out.use_fair_value_gaps) {
    invalid("use_order_blocks and use_fair_value_gaps are both false: no entry could be found");
  }
  try {
    kill_zones check(out.kill_zones);
  } catch (const std::invalid_argument& e) {
    invalid(std::string("kill_zones: ") + e.what());
  }
  // Swings are confirmed swing_length candles late; the history must hold a few of them.
  if (out.entry_lookback < 4 * out.entry_swing_length + 3) {
    invalid("entry_lookback (" + std::to_string(out.entry_lookback) +
            ") is too short for entry_swing_length " + std::to_string(out.entry_swing_length) +
            ": give at least 4 x swing length + 3 candles");
  }
  if (out.bias_lookback < 4 * out.bias_swing_length + 3) {
    invalid("bias_lookback (" + std::to_string(out.bias_lookback) +
            ") is too short for bias_swing_length " + std::to_string(out.bias_swing_length) +
            ": give at least 4 x swing length + 3 candles");
  }
  return out;
}

}  // namespace tb::ictsmc
