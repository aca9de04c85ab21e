#pragma once
// What each running plugin can do right now, asked through its own interface: a strategy
// for its data needs, an exchange for its symbols, a notifier to queue a start-up message.
// The answers make the start-up report ("not supported yet" included), so the user sees
// each plugin's real state rather than just "loaded".
#include <string>

#include "config/settings.hpp"
#include "plugin/plugin_instance.hpp"

namespace tb::host {

struct probe_result {
  bool ok = false;            // the plugin answered TB_OK
  bool not_supported = false; // it answered TB_E_UNSUPPORTED
  std::string detail;         // what it answered, readable
};

// Never throws: a plugin that fails or throws is described in the result.
probe_result probe_plugin(const plugin_instance& instance, run_mode mode,
                          std::int64_t deadline_ns);

}  // namespace tb::host
