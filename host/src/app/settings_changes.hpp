#pragma once
// What a reload of the YAML file (SIGHUP, POST /api/reload) may change in a running bot.
// Settings the running services read on every cycle change at once; those built into
// services, connections and plugins at start-up take effect at the next restart, and the
// reload says so by name instead of ignoring them.
#include <string>
#include <vector>

#include "config/settings.hpp"

namespace tb::host {

struct settings_changes {
  std::vector<std::string> applied;       // changed, and applied by apply_live_changes()
  std::vector<std::string> need_restart;  // changed, but only a restart applies them
  bool any() const noexcept { return !applied.empty() || !need_restart.empty(); }
};

// Compares `loaded` with `running`, section by section (the secrets and the places they were
// used are not settings and are not compared).
settings_changes compare_settings(const bot_settings& running, const bot_settings& loaded);

// Copies into `running` every setting that compare_settings() calls applied; the rest of
// `running` stays as it was.
void apply_live_changes(bot_settings& running, const bot_settings& loaded);

}  // namespace tb::host
