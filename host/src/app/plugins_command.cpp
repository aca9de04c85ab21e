// `tradingbot plugins list`, `tradingbot plugins check FILE.so` and
// `tradingbot plugins install FILE.so`.
#include <exception>
#include <iostream>
#include <system_error>

#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "app/install_file.hpp"
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

// What `plugins check` runs: the host's services with quiet logging, one "check" instance.
check_report check_with_host(const std::filesystem::path& file) {
  core_services services(quiet_settings());
  host_api_table table(services.services(), "check", "{}");
  return check_plugin(file, *table.api());
}

// --plugin-dir, else the configuration's first plugins.directories entry, else the default
// plugin directory. std::nullopt (with the diagnostics on `err`) when the configuration is bad.
std::optional<std::filesystem::path> install_directory(const install_options& options,
                                                       std::ostream& err) {
  if (options.plugin_dir) return std::filesystem::absolute(*options.plugin_dir);
  if (options.config) {
    auto loaded = load_settings(*options.config);
    for (const auto& d : loaded.diagnostics) err << format_diagnostic(d) << '\n';
    if (!loaded.ok()) return std::nullopt;
    if (!loaded.settings->plugins.directories.empty()) {
      return loaded.settings->plugins.directories.front();
    }
  }
  return default_plugin_directories().front();
}

std::string pick_up_hint(std::int32_t kind) {
  if (kind == TB_KIND_STRATEGY) {
    return "a running bot with service.strategy_reload: watch picks it up, otherwise send "
           "SIGHUP or POST /api/reload";
  }
  return "a running bot keeps the " + kind_name(kind) +
         " it loaded (only strategies reload): restart it to use this one";
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
  const check_report report = check_with_host(file);
  print_check_report(out, report);
  return report.ok() ? exit_ok : exit_config;
}

int install_plugin(const install_options& options, std::ostream& out, std::ostream& err) {
  const std::optional<std::filesystem::path> directory = install_directory(options, err);
  if (!directory) return exit_config;
  std::error_code ec;
  if (!std::filesystem::is_directory(*directory, ec)) {
    err << "plugin directory " << directory->string()
        << " does not exist: create it, or choose another with --plugin-dir\n";
    return exit_config;
  }
  // The check opens the file under its own name and insists that the descriptor's id equals
  // it, so <id>.so below is also the name the file came with, and the name the YAML loads.
  const check_report report = check_with_host(options.file);
  print_check_report(out, report);
  if (!report.ok() || !report.info) {
    err << "not installed: " << options.file.string() << " failed validation";
    for (const check_step& step : report.steps) {
      if (step.outcome == check_outcome::failed) {
        err << " at step '" << step.name << "': " << step.detail;
        break;
      }
    }
    err << '\n';
    return exit_config;
  }
  const plugin_info& info = *report.info;
  const std::filesystem::path target = *directory / (info.id + ".so");
  try {
    install_file(options.file, target, 0755);
  } catch (const std::exception& e) {
    err << "install failed: " << e.what() << '\n';
    return exit_failure;
  }
  out << "installed " << info.id << ' ' << info.version << " (" << kind_name(info.kind) << ") to "
      << target.string() << "; " << pick_up_hint(info.kind) << '\n';
  return exit_ok;
}

}  // namespace tb::host
