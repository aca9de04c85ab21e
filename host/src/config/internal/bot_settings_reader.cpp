#include <algorithm>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

std::filesystem::path resolve(const std::filesystem::path& base, const std::filesystem::path& p) {
  std::filesystem::path out = (p.is_absolute() ? p : base / p).lexically_normal();
  // "dir/" normalizes to "dir/" with an empty last element; drop it so a directory always
  // reads the same however it was written.
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

void resolve_paths(bot_settings& s, const std::filesystem::path& base_dir) {
  s.state_dir = resolve(base_dir, s.state_dir);
  s.logging.file = resolve(s.state_dir, s.logging.file);
  s.backtest.output_dir = resolve(s.state_dir, s.backtest.output_dir);
  for (auto& dir : s.plugins.directories) dir = resolve(base_dir, dir);
}

void read_sections(reader& r, map_reader& top, bot_settings& s) {
  if (auto v = top.get("logging")) read_logging(r, *v, s.logging);
  if (auto v = top.get("plugins")) read_plugins(r, *v, s.plugins);
  if (auto v = top.get("rate_limits")) read_rate_limits(r, *v, s.rate_limits);
  if (auto v = top.get("circuit_breakers")) read_circuit_breakers(r, *v, s.circuit_breakers);
  if (auto v = top.get("cache")) read_cache(r, *v, s.cache);
  if (auto v = top.get("alerts")) read_alerts(r, *v, s.alerts);
  if (auto v = top.get("data")) read_data(r, *v, s.data);
  if (auto v = top.get("strategy")) read_strategy(r, *v, s.strategy);
  if (auto v = top.get("risk")) read_risk(r, *v, s.risk);
  if (auto v = top.get("positions")) read_positions(r, *v, s.positions);
  if (auto v = top.get("backtest")) read_backtest(r, *v, s.backtest);
  if (auto v = top.get("service")) read_service(r, *v, s.service);
  if (auto v = top.get("api")) read_api(r, *v, s.api);
  if (auto v = top.get("monitoring")) read_monitoring(r, *v, s.monitoring);
}

}  // namespace

bot_settings read_bot_settings(reader& r, const YAML::Node& root,
                               const std::filesystem::path& base_dir) {
  bot_settings s;
  s.state_dir = "state";
  s.logging.file = "trading_bot.log";
  // An empty file is an empty map: it then fails only for want of `mode`.
  map_reader top(r, field{root, "", root.Mark()}, true);
  top.allow_only({"mode", "state_dir", "logging", "plugins", "rate_limits", "circuit_breakers",
                  "cache", "alerts", "data", "strategy", "risk", "positions", "backtest",
                  "service", "api", "monitoring"});
  if (auto v = top.require("mode", one_of(run_mode_names))) {
    read_enum(r, *v, run_mode_names, s.mode);
  }
  if (auto v = top.get("state_dir")) read_path(r, *v, s.state_dir);
  read_sections(r, top, s);
  if (s.mode == run_mode::backtest && top.is_map() && !top.get("backtest")) {
    r.error(top.mark(), "backtest mode needs a `backtest:` section with its start and end");
  }
  if (top.is_map() && s.plugins.load.empty() && !r.has_errors()) {
    const auto plugins = top.get("plugins");
    r.warning(plugins ? plugins->key_mark : top.mark(),
              "no plugins are loaded (plugins.load is empty), so the bot will not "
              "trade; list at least an exchange and a strategy");
  }
  resolve_paths(s, base_dir);
  s.secrets = r.take_secrets();
  // The API token is a secret even when written in the file itself.
  if (!s.api.token.empty() &&
      std::find(s.secrets.begin(), s.secrets.end(), s.api.token) == s.secrets.end()) {
    s.secrets.push_back(s.api.token);
    std::stable_sort(s.secrets.begin(), s.secrets.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
  s.from_environment = r.take_env_paths();
  return s;
}

}  // namespace tb::host::config_internal
