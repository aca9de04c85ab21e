// `tradingbot analyze --strategy NAME --candles FILE --indicator NAME [--param k=v]...
// [--out FILE]`: one indicator of a plugin, computed through its "tb.indicators/1" interface
// over a candle file, written as CSV.
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/indicator_csv.hpp"
#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "app/indicator_client.hpp"
#include "candle_files/candle_file.hpp"
#include "core/atomic_file.hpp"
#include "plugin/host_api_table.hpp"
#include "plugin/plugin_directories.hpp"
#include "plugin/plugin_error.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"

namespace tb::host {
namespace {

constexpr char prefix[] = "tradingbot analyze: ";

// A usage or input problem: reported as is, exit 2.
class bad_input : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The plugin runs briefly with default services, and nothing is logged to the console:
// standard output is the CSV.
bot_settings silent_settings() {
  bot_settings settings;
  settings.logging.level = log_level::warn;
  settings.logging.console = false;
  settings.logging.file.clear();
  return settings;
}

std::vector<indicator_parameter> parse_params(const std::vector<std::string>& given) {
  std::vector<indicator_parameter> params;
  std::set<std::string> seen;
  for (const std::string& text : given) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw bad_input("--param \"" + text + "\": expected key=value (e.g. --param swing_length=5)");
    }
    std::string key = text.substr(0, equals);
    if (!seen.insert(key).second) {
      throw bad_input("--param " + key + " is given more than once");
    }
    params.emplace_back(std::move(key), text.substr(equals + 1));
  }
  return params;
}

std::vector<indicator_column> compute(const analyze_options& options,
                                      const std::vector<indicator_parameter>& params,
                                      const candle_files::candle_columns& candles) {
  const std::vector<std::filesystem::path> none;
  const std::filesystem::path file =
      find_plugin(options.strategy, plugin_search_path(options.plugin_dirs, none));
  const auto library = plugin_library::open(file, options.strategy);

  core_services services(silent_settings());
  const host_api_table table(services.services(), "analyze", "{}");
  const auto instance = plugin_instance::create(library, table.api(), "analyze");
  instance->start();
  const std::optional<indicator_client> client = indicator_client::of(*instance);
  if (!client) {
    throw bad_input("plugin '" + options.strategy + "' (" + file.string() +
                    ") offers no indicators: it does not answer the interface " +
                    TB_IFACE_INDICATORS_V1 + " (ABI 1.1)");
  }
  std::vector<indicator_column> columns = client->compute(options.indicator, params, candles);
  instance->close();
  return columns;
}

}  // namespace

int analyze(const analyze_options& options, std::ostream& out, std::ostream& err) {
  try {
    const std::vector<indicator_parameter> params = parse_params(options.params);
    const candle_files::candle_columns candles = candle_files::read_candle_file(options.candles);
    const std::vector<indicator_column> columns = compute(options, params, candles);
    if (options.out.empty()) {
      write_indicator_csv(out, columns);
      out.flush();
    } else {
      std::ostringstream text;
      write_indicator_csv(text, columns);
      write_file_atomically(options.out.string(), text.str());
    }
    return exit_ok;
  } catch (const bad_input& e) {
    err << prefix << e.what() << '\n';
  } catch (const candle_files::candle_file_error& e) {
    err << prefix << e.what() << '\n';
  } catch (const indicator_request_error& e) {
    err << prefix << e.what() << '\n';
  } catch (const plugin_error& e) {
    err << prefix << e.what() << '\n';
    if (e.code() == plugin_errc::call_failed || e.code() == plugin_errc::plugin_threw) {
      return exit_failure;
    }
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return exit_failure;
  }
  return exit_config;
}

}  // namespace tb::host
