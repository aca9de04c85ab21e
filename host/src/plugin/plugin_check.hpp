#pragma once

// `tradingbot plugins check FILE.so`: prove a plugin file loads and works with this host.

#include <tradingbot/tb_abi.h>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/plugin_info.hpp"

namespace tb::host {

enum class check_outcome {
  ok,
  not_supported,  // the plugin answered TB_E_UNSUPPORTED: not there yet, not a failure
  failed,
};

struct check_step {
  std::string name;  // "load", "create", "start", "interface tb.strategy/1", ...
  check_outcome outcome = check_outcome::ok;
  std::string detail;  // what happened, or the exact problem
};

struct check_report {
  std::filesystem::path path;
  std::optional<plugin_info> info;  // set once the file has loaded and validated
  // In the order run. After a failure only the clean-up steps (stop, destroy) follow.
  std::vector<check_step> steps;

  bool ok() const noexcept;  // no step failed
};

// Loads and validates the file, then creates an instance named "check" with `host`, starts
// it, fetches its kind's interface (tb.strategy/1, tb.exchange/1 or tb.notifier/1) and checks
// its size and functions. A strategy is also asked for its data_needs and run through one
// on_scan over synthetic BTCUSDT candles for each interval it needs; its signals are counted
// and sanity-checked. Exchange and notifier functions are not called: they would reach real
// services. Finally stop() and destroy(). Never throws plugin_error: every problem is a
// failed step.
check_report check_plugin(const std::filesystem::path& file, const tb_host_api& host,
                          std::string_view expected_id = {});

// One line per step with OK / NOT SUPPORTED / FAILED, under a header with the plugin's id,
// kind, version, ABI and build info, and a final verdict.
void print_check_report(std::ostream& out, const check_report& report);

}  // namespace tb::host
