// `tradingbot plugins list` and `tradingbot plugins check FILE.so`.
#include <iostream>

#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "config/diagnostic.hpp"
#include "config/load_settings.hpp"
#include "plugin/plugin_catalog.hpp"
#include "plugin/plugin_check.hpp"
#include "plugin/plugin_directories.hpp"

namespace tb::host {
namespace {

// Services for a command that runs plugins briefly: the default limits and breakers, and
// warnings only on the console, so the command's own report stays readable.
bot_settings quiet_settings() {
  bot_settings settings;
  settings.logging.level = log_level::warn;
  settings.logging.file.clear();
  return settings;
}

}  // namespace

int list_plugins(const list_options& options, std::ostream& out) {
  std::vector<std::filesystem::path> configured;
  if (options.config) {
    auto loaded = load_settings(*options.config);
    for (const auto& d : loaded.diagnostics) std::cerr << format_diagnostic(d) << '\n';
    if (!loaded.ok()) return exit_config;
    configured = loaded.settings->plugins.directories;
  }
  print_catalog(out, list_plugins(plugin_search_path(options.plugin_dirs, configured)));
  return exit_ok;
}

int check_plugin_file(const std::filesystem::path& file, std::ostream& out) {
  core_services services(quiet_settings());
  host_api_table table(services.services(), "check", "{}");
  const check_report report = check_plugin(file, *table.api());
  print_check_report(out, report);
  return report.ok() ? exit_ok : exit_config;
}

}  // namespace tb::host
