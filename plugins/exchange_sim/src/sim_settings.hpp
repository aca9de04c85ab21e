// The plugin's settings, read from host().config_json(): every key validated, unknown keys
// reported as warnings, bad values as sdk::error(TB_E_INVALID_ARGUMENT) naming the key and
// what it accepts. README.md has the table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine_types.hpp"

namespace tb::exchange_sim {

struct sim_settings {
  std::string market = "synthetic";      // synthetic | files
  std::size_t symbol_count = 20;         // synthetic: the catalogue's first n symbols
  std::vector<std::string> symbol_names; // files: which symbols to load (empty: all)
  std::uint64_t seed = 20261124;
  std::string base_interval = "1m";      // 1m | 1h
  std::string data_dir;                  // files: where the candle files are
  double funding_rate = 0.0;             // synthetic: constant rate per 8 h settlement
  engine_settings engine;                // balance, fees, slippage, margin
};

sim_settings parse_sim_settings(std::string_view json, const std::function<void(const std::string&)>& warn);

}  // namespace tb::exchange_sim
