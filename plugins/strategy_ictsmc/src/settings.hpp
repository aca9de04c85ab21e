// The strategy_ictsmc settings, from the instance's `settings:` in the YAML (as JSON):
//
//   entry_interval: 1h    the timeframe entries are decided on
//   entry_lookback: 200   closed candles of it per symbol (1-1500)
//   bias_interval:  4h    the higher timeframe that sets the directional bias
//   bias_lookback:  200   closed candles of it per symbol (1-1500)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::ictsmc {

struct settings {
  std::string entry_interval = "1h";
  std::uint32_t entry_lookback = 200;
  std::string bias_interval = "4h";
  std::uint32_t bias_lookback = 200;
  std::vector<std::string> unknown_keys; // reported as a warning, then ignored
};

// Parses and validates: intervals are Binance codes (1m ... 1M), the bias interval is longer
// than the entry interval. Throws tb::sdk::error(TB_E_INVALID_ARGUMENT) naming the setting.
settings parse_settings(std::string_view json);

}  // namespace tb::ictsmc
