// Readers for each section of the file. Each takes the section's field, reports every
// problem it finds through the reader, and fills what it could read into `out` (defaults
// stay where a value was missing or wrong). Paths are stored as written; read_bot_settings
// makes them absolute.
#pragma once

#include <filesystem>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/internal/reader.hpp"
#include "config/settings.hpp"

namespace tb::host::config_internal {

void read_logging(reader& r, const field& f, logging_settings& out);
void read_plugins(reader& r, const field& f, plugins_settings& out);
void read_rate_limits(reader& r, const field& f, std::vector<rate_limit_bucket>& out);
void read_circuit_breakers(reader& r, const field& f, circuit_breaker_settings& out);
void read_cache(reader& r, const field& f, cache_settings& out);
void read_alerts(reader& r, const field& f, alert_settings& out);
void read_data(reader& r, const field& f, data_settings& out);
void read_strategy(reader& r, const field& f, strategy_settings& out);
void read_risk(reader& r, const field& f, risk_settings& out);
void read_positions(reader& r, const field& f, position_settings& out);
void read_backtest(reader& r, const field& f, backtest_settings& out);
void read_service(reader& r, const field& f, service_settings& out);
void read_api(reader& r, const field& f, api_settings& out);
void read_monitoring(reader& r, const field& f, monitoring_settings& out);

// The whole document. `base_dir` is absolute: relative paths resolve against it.
bot_settings read_bot_settings(reader& r, const YAML::Node& root,
                               const std::filesystem::path& base_dir);

}  // namespace tb::host::config_internal
