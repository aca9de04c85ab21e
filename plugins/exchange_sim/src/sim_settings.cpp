#include "sim_settings.hpp"

#include <nlohmann/json.hpp>

#include "engine/fixed_point.hpp"
#include "tradingbot/sdk/error.hpp"

namespace tb::exchange_sim {
namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const std::string& key, const std::string& accepted, const json& value) {
  throw sdk::error(TB_E_INVALID_ARGUMENT,
                   "exchange_sim: setting '" + key + "' is " + value.dump() + "; accepted: " + accepted);
}

// A decimal given as a JSON number or string, exact at `decimals` places, within [low, high].
std::int64_t decimal(const json& value, const std::string& key, int decimals, std::int64_t low, std::int64_t high,
                     const std::string& accepted) {
  std::string text;
  if (value.is_string()) text = value.get<std::string>();
  else if (value.is_number()) text = value.dump();
  else bad(key, accepted, value);
  const auto v = parse_fixed(text, decimals);
  if (!v || *v < low || *v > high) bad(key, accepted, value);
  return *v;
}

std::int64_t integer(const json& value, const std::string& key, std::int64_t low, std::int64_t high,
                     const std::string& accepted) {
  if (!value.is_number_integer()) bad(key, accepted, value);
  const auto v = value.get<std::int64_t>();
  if (v < low || v > high) bad(key, accepted, value);
  return v;
}

std::string one_of(const json& value, const std::string& key, std::initializer_list<const char*> options) {
  std::string accepted;
  for (const char* o : options) accepted += (accepted.empty() ? "" : " | ") + std::string(o);
  if (!value.is_string()) bad(key, accepted, value);
  const auto text = value.get<std::string>();
  for (const char* o : options) {
    if (text == o) return text;
  }
  bad(key, accepted, value);
}

}  // namespace

sim_settings parse_sim_settings(std::string_view text, const std::function<void(const std::string&)>& warn) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, std::string("exchange_sim: settings are not valid JSON: ") + e.what());
  }
  if (root.is_null()) root = json::object();
  if (!root.is_object()) throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: settings must be a JSON object");

  sim_settings s;
  constexpr std::int64_t max_money = std::int64_t{1'000'000'000} * money_scale;
  for (const auto& [key, value] : root.items()) {
    if (key == "market") {
      s.market = one_of(value, key, {"synthetic", "files"});
    } else if (key == "symbols") {
      if (value.is_number_integer()) {
        s.symbol_count = static_cast<std::size_t>(integer(value, key, 1, 100'000, "a count 1..100000 or a list of names"));
      } else if (value.is_array()) {
        for (const json& name : value) {
          if (!name.is_string() || name.get<std::string>().empty()) bad(key, "a count 1..100000 or a list of names", value);
          s.symbol_names.push_back(name.get<std::string>());
        }
        if (s.symbol_names.empty()) bad(key, "a count 1..100000 or a non-empty list of names", value);
      } else {
        bad(key, "a count 1..100000 or a list of names", value);
      }
    } else if (key == "seed") {
      if (!value.is_number_unsigned()) bad(key, "a non-negative integer", value);
      s.seed = value.get<std::uint64_t>();
    } else if (key == "base_interval") {
      s.base_interval = one_of(value, key, {"1m", "1h"});
    } else if (key == "data_dir") {
      if (!value.is_string() || value.get<std::string>().empty()) bad(key, "a directory path", value);
      s.data_dir = value.get<std::string>();
    } else if (key == "balance") {
      s.engine.initial_balance = decimal(value, key, 8, 1, max_money, "a positive amount of USDT with at most 8 decimals");
    } else if (key == "maker_fee") {
      s.engine.maker_fee = decimal(value, key, 8, -money_scale / 100, money_scale / 10, "a rate from -0.01 to 0.1, at most 8 decimals");
    } else if (key == "taker_fee") {
      s.engine.taker_fee = decimal(value, key, 8, 0, money_scale / 10, "a rate from 0 to 0.1, at most 8 decimals");
    } else if (key == "slippage_bps") {
      // Basis points with 4 decimals are a rate in 1e-8.
      s.engine.slippage = decimal(value, key, 4, 0, 1000 * 10'000, "basis points from 0 to 1000, at most 4 decimals");
    } else if (key == "maintenance_margin_rate") {
      s.engine.maintenance_margin_rate = decimal(value, key, 8, 0, money_scale / 2, "a rate from 0 to 0.5, at most 8 decimals");
    } else if (key == "max_leverage") {
      s.engine.max_leverage = static_cast<std::int32_t>(integer(value, key, 1, 125, "an integer 1..125"));
    } else if (key == "funding_rate") {
      decimal(value, key, 8, -money_scale / 10, money_scale / 10, "a rate from -0.1 to 0.1 per settlement");
      s.funding_rate = value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>();
    } else {
      warn("exchange_sim: unknown setting '" + key + "' ignored");
    }
  }
  if (s.engine.default_leverage > s.engine.max_leverage) s.engine.default_leverage = s.engine.max_leverage;
  if (s.market == "files" && s.data_dir.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: market 'files' needs 'data_dir' (the candle files' directory)");
  }
  if (s.market == "files" && root.contains("symbols") && s.symbol_names.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT,
                     "exchange_sim: market 'files' takes 'symbols' as a list of names (or none: every symbol with files)");
  }
  if (s.market == "synthetic" && !s.symbol_names.empty()) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: market 'synthetic' takes 'symbols' as a count, not names");
  }
  return s;
}

}  // namespace tb::exchange_sim
